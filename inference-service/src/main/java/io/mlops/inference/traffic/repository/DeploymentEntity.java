package io.mlops.inference.traffic.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A model's stored traffic split. */
@Entity
@Table(name = "deployment")
public class DeploymentEntity {

    @Id
    public String model;

    @Column(nullable = false)
    public String champion;

    public String challenger;

    @Column(name = "challenger_percent", nullable = false)
    public int challengerPercent;

    @Column(nullable = false)
    public boolean shadow;

    /** {@code fail}, {@code impute}, or null for the service-wide policy. */
    @Column(name = "missing_features")
    public String missingFeatures;

    @Column(nullable = false)
    public long revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
