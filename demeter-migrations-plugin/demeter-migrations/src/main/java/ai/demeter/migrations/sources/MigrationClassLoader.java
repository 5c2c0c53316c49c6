package ai.demeter.migrations.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads the migrations from their current classes, over a parent that supplies Demeter's API, Flyway and jOOQ.
 * <p>
 * The parent may hold an outdated copy of the same migrations: Maven puts a plugin's dependencies, the migration
 * module among them, into the plugin's own class loader, resolved from the local repository. That copy is
 * {@code hidden}: its classes and resources are never seen through this loader, so a migration removed since is
 * not found and an edited one is loaded from the current classes. Without hidden copies it delegates to the parent
 * first, as class loaders usually do.
 */
public final class MigrationClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final List<String> hidden;

    /**
     * @param classpath the current migration classes first, then what they need that the parent lacks
     * @param parent    Demeter's own class loader
     * @param hidden    jar files or directories in the parent holding an outdated copy of the migrations
     */
    public MigrationClassLoader(List<Path> classpath, ClassLoader parent, List<Path> hidden) {
        super(urls(classpath), parent);
        this.hidden = hidden.stream().map(MigrationClassLoader::prefix).toList();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (hidden.isEmpty()) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                String file = name.replace('.', '/') + ".class";
                if (findResource(file) != null) {
                    loaded = findClass(name);
                } else if (isHidden(getParent().getResource(file))) {
                    throw new ClassNotFoundException(name + " exists only in an outdated copy of the migrations");
                } else {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        if (hidden.isEmpty()) {
            return super.getResource(name);
        }
        URL own = findResource(name);
        if (own != null) {
            return own;
        }
        URL inherited = getParent().getResource(name);
        return isHidden(inherited) ? null : inherited;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (hidden.isEmpty()) {
            return super.getResources(name);
        }
        List<URL> found = new ArrayList<>(Collections.list(findResources(name)));
        for (URL url : Collections.list(getParent().getResources(name))) {
            if (!isHidden(url)) {
                found.add(url);
            }
        }
        return Collections.enumeration(found);
    }

    private boolean isHidden(URL url) {
        if (url == null) {
            return false;
        }
        String text = url.toString();
        return hidden.stream().anyMatch(text::startsWith);
    }

    /** How the parent's URLs for entries of {@code location} begin (in {@link URL}'s form: {@code file:/...}). */
    private static String prefix(Path location) {
        try {
            String url = location.toAbsolutePath().toUri().toURL().toString();
            return Files.isDirectory(location) ? url : "jar:" + url + "!/";
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL[] urls(List<Path> classpath) {
        try {
            List<URL> urls = new ArrayList<>();
            for (Path entry : classpath) {
                urls.add(entry.toAbsolutePath().toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
