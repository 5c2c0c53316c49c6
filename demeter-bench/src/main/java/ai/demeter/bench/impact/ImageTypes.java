package ai.demeter.bench.impact;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The column the impact benchmark's migrations add to {@code s3_images}, and the value each row gets: the image's
 * type, read from the bucket it was stored in (as DemeterAI's V19 did it).
 */
public final class ImageTypes {
    public static final String TABLE = "s3_images";
    public static final Field<String> IMAGE_TYPE = DSL.field(DSL.name("image_type"), SQLDataType.VARCHAR(16));
    public static final Field<String> S3_BUCKET = DSL.field(DSL.name("s3_bucket"), SQLDataType.VARCHAR(255));

    /** The buckets the generated rows are spread over, a third each. */
    public static final String ORIGINALS = "demeter-photos-original";
    public static final String PROCESSED = "demeter-photos-viz";
    public static final String THUMBNAILS = "demeter-photos-thumb";

    private ImageTypes() {
    }

    /** {@code case s3_bucket when ... end}: the expression both ways fill the column with. */
    public static Field<String> fromBucket() {
        return DSL.when(S3_BUCKET.eq(DSL.inline(ORIGINALS)), DSL.inline("original"))
                .when(S3_BUCKET.eq(DSL.inline(PROCESSED)), DSL.inline("processed"))
                .otherwise(DSL.inline("thumbnail"));
    }

    /** The same expression as SQL text, for the checks that count rows whose value is not the expected one. */
    public static String fromBucketSql() {
        return "case s3_bucket when '" + ORIGINALS + "' then 'original' when '" + PROCESSED
                + "' then 'processed' else 'thumbnail' end";
    }
}
