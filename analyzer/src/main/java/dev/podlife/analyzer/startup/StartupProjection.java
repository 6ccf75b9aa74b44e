package dev.podlife.analyzer.startup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Handle;

import dev.podlife.analyzer.store.FeatureProjection;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PodSnapshot;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Keeps {@code pod_startup}: one row per pod with the timestamps of its first start (see {@link
 * PodStartup}), from which the startup report computes its percentiles in SQL.
 */
public final class StartupProjection implements FeatureProjection {
  private static final ObjectMapper JSON = FactSerde.mapper();

  @Override
  public Batch begin(Handle handle) {
    return new StartupBatch(handle.attach(StartupRows.class));
  }

  @Override
  public void forget(Handle handle, String[] clusters, String[] uids) {
    handle.attach(StartupRows.class).forget(clusters, uids);
  }

  @Override
  public void truncate(Handle handle) {
    handle.attach(StartupRows.class).truncate();
  }

  private record PodKey(String cluster, String uid) {}

  private static final class StartupBatch implements Batch {
    private final StartupRows rows;
    private final Map<PodKey, PodStartup> pods = new LinkedHashMap<>();
    private final Map<PodKey, PodStartup> dirty = new LinkedHashMap<>();

    /**
     * The rows as stored (read, or written in this transaction): a row that would not change is not
     * written.
     */
    private final Map<PodKey, StartupRows.Row> stored = new HashMap<>();

    StartupBatch(StartupRows rows) {
      this.rows = rows;
    }

    @Override
    public void preload(List<NewFact> facts) {
      Set<PodKey> wanted = new LinkedHashSet<>();
      for (NewFact f : facts) {
        PodKey key = new PodKey(f.fact().pod().cluster(), f.fact().pod().uid());
        if (!pods.containsKey(key)) {
          wanted.add(key);
        }
      }
      if (wanted.isEmpty()) {
        return;
      }
      for (StartupRows.Row row :
          rows.find(
              wanted.stream().map(PodKey::cluster).toArray(String[]::new),
              wanted.stream().map(PodKey::uid).toArray(String[]::new))) {
        PodKey key = new PodKey(row.cluster(), row.uid());
        pods.put(key, fromRow(row));
        stored.put(key, row);
        wanted.remove(key);
      }
      wanted.forEach(key -> pods.put(key, new PodStartup(key.cluster(), key.uid())));
    }

    @Override
    public void apply(long factId, Fact fact, PodSnapshot before, PodSnapshot after) {
      PodKey key = new PodKey(fact.pod().cluster(), fact.pod().uid());
      PodStartup pod = pods.computeIfAbsent(key, this::load);
      pod.apply(fact, after);
      dirty.put(key, pod);
    }

    @Override
    public void flush() {
      if (dirty.isEmpty()) {
        return;
      }
      List<StartupRows.Row> changed = new ArrayList<>();
      dirty.forEach(
          (key, pod) -> {
            StartupRows.Row row = row(pod);
            if (!sameRow(row, stored.get(key))) {
              changed.add(row);
              stored.put(key, row);
            }
          });
      dirty.clear();
      if (!changed.isEmpty()) {
        rows.upsert(changed);
      }
    }

    private PodStartup load(PodKey key) {
      List<StartupRows.Row> stored =
          rows.find(new String[] {key.cluster()}, new String[] {key.uid()});
      if (stored.isEmpty()) {
        return new PodStartup(key.cluster(), key.uid());
      }
      this.stored.put(key, stored.getFirst());
      return fromRow(stored.getFirst());
    }

    /**
     * Whether writing {@code row} would leave the stored one as it is: every column equal, the JSON
     * ones as JSON (the stored text is PostgreSQL's rendering of jsonb).
     */
    private static boolean sameRow(StartupRows.Row row, StartupRows.Row stored) {
      if (stored == null) {
        return false;
      }
      if (row.equals(stored)) {
        return true;
      }
      return row.withJson(
                  stored.containerStarts(),
                  stored.imagePulls(),
                  stored.initContainers(),
                  stored.regularContainers())
              .equals(stored)
          && sameJson(row.containerStarts(), stored.containerStarts())
          && sameJson(row.imagePulls(), stored.imagePulls())
          && sameJson(row.initContainers(), stored.initContainers())
          && sameJson(row.regularContainers(), stored.regularContainers());
    }

    private static boolean sameJson(String a, String b) {
      return a.equals(b) || JSON.readTree(a).equals(JSON.readTree(b));
    }

    private static PodStartup fromRow(StartupRows.Row r) {
      PodStartup p = new PodStartup(r.cluster(), r.uid());
      p.namespace = r.namespace();
      p.name = r.name();
      p.workloadKind = r.workloadKind();
      p.workloadName = r.workloadName();
      p.node = r.node();
      p.created = r.created();
      p.scheduled = r.scheduled();
      p.scheduledByEvent = r.scheduledByEvent();
      p.initialized = r.initialized();
      p.running = r.running();
      p.ready = r.ready();
      p.watched = r.watched();
      p.stateless = r.stateless();
      p.unschedulable = r.unschedulable();
      p.waitingReason = r.waitingReason();
      p.waitingSince = r.waitingSince();
      p.deletedAt = r.deletedAt();
      p.containerStarts.putAll(
          JSON.readValue(r.containerStarts(), new TypeReference<Map<String, Instant>>() {}));
      p.imagePulls.putAll(
          JSON.readValue(r.imagePulls(), new TypeReference<Map<String, Long>>() {}));
      p.initContainers.putAll(
          JSON.readValue(r.initContainers(), new TypeReference<Map<String, List<Instant>>>() {}));
      p.regularContainers =
          JSON.readValue(r.regularContainers(), new TypeReference<List<String>>() {});
      return p;
    }

    private static StartupRows.Row row(PodStartup p) {
      return new StartupRows.Row(
          p.cluster,
          p.uid,
          p.namespace,
          p.name,
          p.workloadKind,
          p.workloadName,
          p.node,
          p.created,
          p.scheduled,
          p.scheduledByEvent,
          p.initialized,
          p.running,
          p.ready,
          p.watched,
          p.imagePullMs(),
          p.initMs(),
          p.stateless,
          p.unschedulable,
          p.waitingReason,
          p.waitingSince,
          p.deletedAt,
          JSON.writeValueAsString(p.containerStarts),
          JSON.writeValueAsString(p.imagePulls),
          JSON.writeValueAsString(p.initContainers),
          JSON.writeValueAsString(new ArrayList<>(p.regularContainers)),
          p.sloEligible());
    }
  }
}
