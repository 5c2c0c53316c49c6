package ai.demeter.app;

import static ai.demeter.app.db.Tables.DETECTIONS;
import static ai.demeter.app.db.Tables.ESTIMATIONS;
import static ai.demeter.app.db.Tables.PHOTO_PROCESSING_SESSIONS;
import static ai.demeter.app.db.Tables.STORAGE_LOCATIONS;

import ai.demeter.app.db.enums.Calculationmethodenum;
import ai.demeter.app.db.enums.Sessionstatusenum;
import ai.demeter.app.db.tables.records.DetectionsRecord;
import ai.demeter.app.db.tables.records.EstimationsRecord;
import ai.demeter.app.db.tables.records.PhotoProcessingSessionsRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Photo processing sessions: one photo of a storage location, the plants the model detected on it one by one,
 * and the estimations for what it could only count by area. Completing a session totals them and makes it the
 * location's latest session.
 */
public final class PhotoSessions {
    private final DSLContext db;

    public PhotoSessions(DSLContext db) {
        this.db = db;
    }

    public PhotoProcessingSessionsRecord start(int storageLocationId) {
        return db.insertInto(PHOTO_PROCESSING_SESSIONS)
                .set(PHOTO_PROCESSING_SESSIONS.SESSION_ID, UUID.randomUUID().toString())
                .set(PHOTO_PROCESSING_SESSIONS.STORAGE_LOCATION_ID, storageLocationId)
                .set(PHOTO_PROCESSING_SESSIONS.STATUS, Sessionstatusenum.processing)
                .returning()
                .fetchSingle();
    }

    /** One detected plant (or empty container): its box in pixels and the model's confidence (0..1). */
    public DetectionsRecord addDetection(int sessionId, double centerX, double centerY, int width, int height,
            double confidence, boolean emptyContainer) {
        return db.insertInto(DETECTIONS)
                .set(DETECTIONS.SESSION_ID, sessionId)
                .set(DETECTIONS.CENTER_X_PX, BigDecimal.valueOf(centerX))
                .set(DETECTIONS.CENTER_Y_PX, BigDecimal.valueOf(centerY))
                .set(DETECTIONS.WIDTH_PX, width)
                .set(DETECTIONS.HEIGHT_PX, height)
                .set(DETECTIONS.AREA_PX, width * height)
                .set(DETECTIONS.DETECTION_CONFIDENCE, BigDecimal.valueOf(confidence).setScale(2, RoundingMode.HALF_UP))
                .set(DETECTIONS.IS_EMPTY_CONTAINER, emptyContainer)
                .returning()
                .fetchSingle();
    }

    public EstimationsRecord addEstimation(int sessionId, int estimatedCount, Calculationmethodenum method,
            double confidence) {
        return db.insertInto(ESTIMATIONS)
                .set(ESTIMATIONS.SESSION_ID, sessionId)
                .set(ESTIMATIONS.ESTIMATED_COUNT, estimatedCount)
                .set(ESTIMATIONS.CALCULATION_METHOD, method)
                .set(ESTIMATIONS.ESTIMATION_CONFIDENCE, BigDecimal.valueOf(confidence).setScale(2, RoundingMode.HALF_UP))
                .returning()
                .fetchSingle();
    }

    /**
     * Totals the session from its detections and estimations, marks it completed, and makes it its location's
     * latest photo session; in one transaction.
     */
    public PhotoProcessingSessionsRecord complete(int sessionId) {
        return db.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            var detected = tx.select(
                            DSL.count().filterWhere(DETECTIONS.IS_EMPTY_CONTAINER.isFalse()),
                            DSL.count().filterWhere(DETECTIONS.IS_EMPTY_CONTAINER.isTrue()),
                            DSL.avg(DETECTIONS.DETECTION_CONFIDENCE))
                    .from(DETECTIONS)
                    .where(DETECTIONS.SESSION_ID.eq(sessionId))
                    .fetchSingle();
            int estimated = tx.select(DSL.coalesce(DSL.sum(ESTIMATIONS.ESTIMATED_COUNT), BigDecimal.ZERO))
                    .from(ESTIMATIONS)
                    .where(ESTIMATIONS.SESSION_ID.eq(sessionId))
                    .fetchSingle().value1().intValueExact();
            BigDecimal averageConfidence = detected.value3() == null ? null
                    : detected.value3().setScale(2, RoundingMode.HALF_UP);
            PhotoProcessingSessionsRecord session = tx.update(PHOTO_PROCESSING_SESSIONS)
                    .set(PHOTO_PROCESSING_SESSIONS.TOTAL_DETECTED, detected.value1())
                    .set(PHOTO_PROCESSING_SESSIONS.TOTAL_EMPTY_CONTAINERS, detected.value2())
                    .set(PHOTO_PROCESSING_SESSIONS.TOTAL_ESTIMATED, estimated)
                    .set(PHOTO_PROCESSING_SESSIONS.AVG_CONFIDENCE, averageConfidence)
                    .set(PHOTO_PROCESSING_SESSIONS.STATUS, Sessionstatusenum.completed)
                    .set(PHOTO_PROCESSING_SESSIONS.UPDATED_AT, LocalDateTime.now())
                    .where(PHOTO_PROCESSING_SESSIONS.ID.eq(sessionId))
                    .returning()
                    .fetchSingle();
            tx.update(STORAGE_LOCATIONS)
                    .set(STORAGE_LOCATIONS.PHOTO_SESSION_ID, sessionId)
                    .where(STORAGE_LOCATIONS.LOCATION_ID.eq(session.getStorageLocationId()))
                    .execute();
            return session;
        });
    }
}
