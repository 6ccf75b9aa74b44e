package dev.podlife.analyzer.startup;

import java.math.BigDecimal;

/**
 * Per workload, how long its pods' init containers ran ({@code init_ms}: first start to last
 * finish) against their startup ({@code create_to_ready_ms}: creation to first Ready), as medians
 * ({@code percentile_disc(0.5)}) over the pods that have both and a startup above zero.
 */
public record InitShare(
    String cluster,
    String namespace,
    String workloadKind,
    String workloadName,
    long pods,
    BigDecimal p50InitSeconds,
    BigDecimal p50StartupSeconds,
    BigDecimal p50Share) {}
