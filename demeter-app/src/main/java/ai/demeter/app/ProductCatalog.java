package ai.demeter.app;

import static ai.demeter.app.db.Tables.PRODUCTS;
import static ai.demeter.app.db.Tables.PRODUCT_CATEGORIES;
import static ai.demeter.app.db.Tables.PRODUCT_FAMILIES;
import static ai.demeter.app.db.Tables.PRODUCT_SIZES;
import static ai.demeter.app.db.Tables.PRODUCT_STATES;

import ai.demeter.app.db.tables.records.ProductCategoriesRecord;
import ai.demeter.app.db.tables.records.ProductFamiliesRecord;
import ai.demeter.app.db.tables.records.ProductSizesRecord;
import ai.demeter.app.db.tables.records.ProductStatesRecord;
import ai.demeter.app.db.tables.records.ProductsRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** The product catalog: categories &gt; families &gt; products, and the states and sizes stock is counted in. */
public final class ProductCatalog {
    private final DSLContext db;

    public ProductCatalog(DSLContext db) {
        this.db = db;
    }

    public ProductCategoriesRecord createCategory(String code, String name) {
        return db.insertInto(PRODUCT_CATEGORIES)
                .set(PRODUCT_CATEGORIES.CODE, code)
                .set(PRODUCT_CATEGORIES.NAME, name)
                .returning()
                .fetchSingle();
    }

    public Optional<ProductCategoriesRecord> category(String code) {
        return db.selectFrom(PRODUCT_CATEGORIES).where(PRODUCT_CATEGORIES.CODE.eq(code)).fetchOptional();
    }

    public ProductFamiliesRecord createFamily(int categoryId, String name, String scientificName) {
        return db.insertInto(PRODUCT_FAMILIES)
                .set(PRODUCT_FAMILIES.CATEGORY_ID, categoryId)
                .set(PRODUCT_FAMILIES.NAME, name)
                .set(PRODUCT_FAMILIES.SCIENTIFIC_NAME, scientificName)
                .returning()
                .fetchSingle();
    }

    /** The families of a category, by name. */
    public List<ProductFamiliesRecord> families(String categoryCode) {
        return db.select(PRODUCT_FAMILIES.fields())
                .from(PRODUCT_FAMILIES)
                .join(PRODUCT_CATEGORIES).on(PRODUCT_CATEGORIES.ID.eq(PRODUCT_FAMILIES.CATEGORY_ID))
                .where(PRODUCT_CATEGORIES.CODE.eq(categoryCode))
                .orderBy(PRODUCT_FAMILIES.NAME)
                .fetchInto(PRODUCT_FAMILIES);
    }

    public ProductsRecord createProduct(int familyId, String sku, String commonName, String scientificName) {
        return db.insertInto(PRODUCTS)
                .set(PRODUCTS.FAMILY_ID, familyId)
                .set(PRODUCTS.SKU, sku)
                .set(PRODUCTS.COMMON_NAME, commonName)
                .set(PRODUCTS.SCIENTIFIC_NAME, scientificName)
                .returning()
                .fetchSingle();
    }

    public Optional<ProductsRecord> product(String sku) {
        return db.selectFrom(PRODUCTS).where(PRODUCTS.SKU.eq(sku)).fetchOptional();
    }

    /** Product states in their display order (seeded by the migrations). */
    public List<ProductStatesRecord> states() {
        return db.selectFrom(PRODUCT_STATES).orderBy(PRODUCT_STATES.SORT_ORDER, PRODUCT_STATES.CODE).fetch();
    }

    public ProductStatesRecord state(String code) {
        return db.selectFrom(PRODUCT_STATES).where(PRODUCT_STATES.CODE.eq(code)).fetchSingle();
    }

    /** Product sizes in their display order (seeded by the migrations). */
    public List<ProductSizesRecord> sizes() {
        return db.selectFrom(PRODUCT_SIZES).orderBy(PRODUCT_SIZES.SORT_ORDER, PRODUCT_SIZES.CODE).fetch();
    }
}
