package ai.demeter.migrations.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed schema documents, rendered from a snapshot built by hand. */
class SchemaDocsTest {
    private static final SchemaSnapshot SNAPSHOT = new SchemaSnapshot("public", List.of(
            new SchemaObject.Extension("plpgsql", "1.0", "pg_catalog"),
            new SchemaObject.Extension("postgis", "3.3.2", "public"),
            new SchemaObject.EnumType("farm_kind", List.of("open", "covered")),
            new SchemaObject.Table("farms", null, false),
            new SchemaObject.Column("farms", "farm_id", 1, "integer", true, null, null, "always", null),
            new SchemaObject.Column("farms", "code", 2, "character varying(20)", true, null, null, null, null),
            new SchemaObject.Column("farms", "outline", 3, "geometry(Polygon,4326)", false, null, null, null, null),
            new SchemaObject.Constraint("farms", "pk_farms", "primary key", "PRIMARY KEY (farm_id)"),
            new SchemaObject.Constraint("farms", "uq_farms_code", "unique", "UNIQUE (code)"),
            new SchemaObject.Index("farms", "pk_farms", "CREATE UNIQUE INDEX pk_farms ON public.farms USING btree"
                    + " (farm_id)"),
            new SchemaObject.Index("farms", "idx_farms_outline", "CREATE INDEX idx_farms_outline ON public.farms"
                    + " USING gist (outline)"),
            new SchemaObject.Table("plots", null, false),
            new SchemaObject.Column("plots", "id", 1, "integer", true, null, null, null, null),
            new SchemaObject.Column("plots", "farm_id", 2, "integer", false, null, null, null, null),
            new SchemaObject.Column("plots", "kind", 3, "farm_kind", true, "'open'::farm_kind", null, null, null),
            new SchemaObject.Constraint("plots", "plots_pkey", "primary key", "PRIMARY KEY (id)"),
            new SchemaObject.Constraint("plots", "fk_plots_farm", "foreign key",
                    "FOREIGN KEY (farm_id) REFERENCES farms(farm_id) ON DELETE CASCADE"),
            new SchemaObject.Comment("column plots.kind", "Open or covered, 'roughly'"),
            new SchemaObject.Comment("constraint plots.fk_plots_farm", "Owner")));

    @Test
    void listingIsDdlLikeAndLeavesOutWhatEveryDatabaseHas() {
        assertEquals("""
                -- Schema public.

                CREATE EXTENSION postgis SCHEMA public;

                CREATE TYPE farm_kind AS ENUM ('open', 'covered');

                CREATE TABLE farms (
                    farm_id integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                    code character varying(20) NOT NULL,
                    outline geometry(Polygon,4326),
                    CONSTRAINT pk_farms PRIMARY KEY (farm_id),
                    CONSTRAINT uq_farms_code UNIQUE (code)
                );

                CREATE TABLE plots (
                    id integer NOT NULL,
                    farm_id integer,
                    kind farm_kind DEFAULT 'open'::farm_kind NOT NULL,
                    CONSTRAINT plots_pkey PRIMARY KEY (id),
                    CONSTRAINT fk_plots_farm FOREIGN KEY (farm_id) REFERENCES farms(farm_id) ON DELETE CASCADE
                );

                CREATE INDEX idx_farms_outline ON public.farms USING gist (outline);

                COMMENT ON COLUMN plots.kind IS 'Open or covered, ''roughly''';

                COMMENT ON CONSTRAINT fk_plots_farm ON plots IS 'Owner';
                """, SchemaListing.render(SNAPSHOT, "Schema public."));
    }

    @Test
    void diagramHasKeyColumnsAndOptionalForeignKeys() {
        assertEquals("""
                erDiagram
                    farms {
                        integer farm_id PK
                        varchar code UK
                    }
                    plots {
                        integer id PK
                        integer farm_id FK
                    }
                    farms |o--o{ plots : "farm_id"
                """, EntityRelationshipDiagram.mermaid(SNAPSHOT));
    }

    @Test
    void diagramPageLinksTheListing() {
        String page = SchemaDocs.diagram(SNAPSHOT, "3", Path.of("schema.sql"));
        assertEquals("# Entity-relationship diagram", page.lines().findFirst().orElseThrow());
        assertEquals(true, page.contains("[schema.sql](schema.sql)"), page);
        assertEquals(true, page.contains("```mermaid\nerDiagram\n"), page);
    }

    @Test
    void typesBecomeOneMermaidWord() {
        assertEquals("varchar", EntityRelationshipDiagram.typeWord("character varying(50)"));
        assertEquals("geometry", EntityRelationshipDiagram.typeWord("geometry(Point,4326)"));
        assertEquals("timestamptz", EntityRelationshipDiagram.typeWord("timestamp with time zone"));
        assertEquals("integer_array", EntityRelationshipDiagram.typeWord("integer[]"));
    }
}
