package dev.podlife.alerts.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.podlife.alerts.rules.RuleSpecs;
import dev.podlife.alerts.rules.RuleWebhook;

/**
 * Sends the notifications of the {@link Outbox}: a thread claims due ones under a lease (several
 * analyzers may run a deliverer against one database; each notification is sent by one), POSTs them
 * outside any transaction, and records the outcome: delivered, retried later with exponential
 * back-off, or kept as failed after the last attempt. It also re-sends firing alerts to
 * Alertmanager every {@link DeliveryConfig#resendInterval()}.
 */
public final class Deliverer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Deliverer.class);

  /** The longest wait between two looks at the outbox when nothing is known to be due earlier. */
  static final Duration POLL = Duration.ofMillis(500);

  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
  private static final int CLAIM_LIMIT = 50;

  /** Answer bytes kept in last_error: enough for Alertmanager's reason, never a whole page. */
  private static final int ERROR_BODY_BYTES = 300;

  /**
   * pg_try_advisory_xact_lock key of the re-send: one analyzer at a time. ("podlife resend" in
   * spirit.)
   */
  private static final long RESEND_LOCK = 0x706f646c_72736e64L;

  private static final String CLAIM =
      """
      UPDATE alert_notification SET lease_until = now() + :leaseMs * interval '1 millisecond'
      WHERE id IN (
        SELECT n.id FROM alert_notification n
        WHERE n.state = 'pending' AND n.next_attempt_at <= now() AND (n.lease_until IS NULL OR n.lease_until < now())
          -- one at a time per alert and receiver, in order: a resolution never overtakes its firing
          AND NOT EXISTS (SELECT 1 FROM alert_notification e
                          WHERE e.alert_id = n.alert_id AND e.receiver_url = n.receiver_url
                            AND e.state = 'pending' AND e.id < n.id)
        ORDER BY n.id
        FOR UPDATE SKIP LOCKED
        LIMIT :limit)
      RETURNING id, alert_id, receiver_kind, receiver_url, status, attempts
      """;

  private static final String RESEND =
      """
      INSERT INTO alert_notification (alert_id, receiver_kind, receiver_url, status)
      SELECT a.id, 'alertmanager', u.url, 'firing'
      FROM alert a CROSS JOIN unnest(CAST(:urls AS text[])) AS u(url)
      WHERE a.state = 'firing'
        AND NOT EXISTS (SELECT 1 FROM alert_notification n
                        WHERE n.alert_id = a.id AND n.receiver_url = u.url
                          AND (n.state = 'pending' OR n.created_at > now() - :resendMs * interval '1 millisecond'))
      """;

  private static final String NEXT_DUE_MS =
      """
      SELECT CAST(EXTRACT(EPOCH FROM (min(GREATEST(next_attempt_at, COALESCE(lease_until, next_attempt_at))) - now()))
                  * 1000 AS bigint)
      FROM alert_notification WHERE state = 'pending'
      """;

  private final Jdbi jdbi;
  private final DeliveryConfig config;
  private final Clock clock;
  private final HttpClient http;
  private final Semaphore wake = new Semaphore(0);
  private final Map<String, Counter> sent;
  private final Map<String, Counter> failed;
  private final Map<String, Counter> retried;
  private final Duration resendCheck;

  private volatile boolean closed;
  private volatile Thread thread;
  private Instant nextResendCheck = Instant.MIN;

  public Deliverer(Jdbi jdbi, DeliveryConfig config, Clock clock, MeterRegistry registry) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(registry, "registry");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(HTTP_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.sent =
        counters(registry, "podlife.alert.notifications.sent", "notifications a receiver accepted");
    this.failed =
        counters(
            registry,
            "podlife.alert.notifications.failed",
            "notifications given up on, kept as failed");
    this.retried =
        counters(
            registry,
            "podlife.alert.notifications.retried",
            "failed attempts that will be retried");
    // often enough that a firing alert is re-sent soon after its interval, never a busy query
    Duration quarter = config.resendInterval().dividedBy(4);
    this.resendCheck =
        quarter.compareTo(POLL) < 0
            ? POLL
            : quarter.compareTo(Duration.ofSeconds(15)) > 0 ? Duration.ofSeconds(15) : quarter;
  }

  private static Map<String, Counter> counters(
      MeterRegistry registry, String name, String description) {
    return List.of(Receivers.ALERTMANAGER, Receivers.WEBHOOK).stream()
        .collect(
            Collectors.toMap(
                Function.identity(),
                kind ->
                    Counter.builder(name)
                        .description(description)
                        .tag("kind", kind)
                        .register(registry)));
  }

  /** Starts the delivery thread. */
  public synchronized Deliverer start() {
    if (closed) {
      throw new IllegalStateException("This deliverer is closed");
    }
    if (thread != null) {
      throw new IllegalStateException("This deliverer is already started");
    }
    thread = new Thread(this::run, "podlife-alert-deliverer");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /**
   * Looks at the outbox now rather than at the next poll: call it after committing new
   * notifications.
   */
  public void wakeUp() {
    wake.release();
  }

  /**
   * Stops the thread after the notifications in hand; unsent ones stay in the outbox for any
   * deliverer.
   */
  @Override
  public void close() {
    closed = true;
    wake.release();
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        if (!t.join(HTTP_TIMEOUT.multipliedBy(3))) {
          LOG.warn(
              "The alert deliverer did not stop within {} s",
              HTTP_TIMEOUT.multipliedBy(3).toSeconds());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    http.close();
  }

  private void run() {
    Duration failureWait = POLL;
    while (!closed) {
      Duration wait;
      try {
        resendIfDue();
        int claimed = deliverDue();
        wait = claimed == CLAIM_LIMIT ? Duration.ZERO : untilNextDue();
        failureWait = POLL;
      } catch (JdbiException e) {
        // the database is out: the outbox waits there, nothing is lost; try again later
        LOG.warn(
            "The alert deliverer couldn't reach the outbox ({}); retrying in {} ms",
            describe(e),
            failureWait.toMillis());
        wait = failureWait;
        failureWait =
            failureWait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                ? Duration.ofSeconds(30)
                : failureWait.multipliedBy(2);
      }
      try {
        if (!wait.isZero() && wake.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Claims, sends and records one batch of due notifications; the number claimed. */
  int deliverDue() {
    List<Claimed> claimed =
        jdbi.withHandle(
            h ->
                h.createQuery(CLAIM)
                    .bind("leaseMs", config.lease().toMillis())
                    .bind("limit", CLAIM_LIMIT)
                    .map(ConstructorMapper.of(Claimed.class))
                    .list());
    if (claimed.isEmpty()) {
      return 0;
    }
    Map<Long, AlertRow> alerts =
        jdbi
            .withHandle(
                h ->
                    h.createQuery(AlertRow.SELECT)
                        .bindList("ids", claimed.stream().map(Claimed::alertId).distinct().toList())
                        .map(ConstructorMapper.of(AlertRow.class))
                        .list())
            .stream()
            .collect(Collectors.toMap(AlertRow::id, Function.identity()));
    List<CompletableFuture<Outcome>> sending = new ArrayList<>();
    for (Claimed notification : claimed) {
      sending.add(send(notification, alerts.get(notification.alertId())));
    }
    for (int i = 0; i < claimed.size(); i++) {
      record(claimed.get(i), outcome(sending.get(i)));
    }
    return claimed.size();
  }

  private CompletableFuture<Outcome> send(Claimed notification, AlertRow alert) {
    if (alert == null) {
      return CompletableFuture.completedFuture(Outcome.permanent(null, "the alert is gone"));
    }
    HttpRequest.Builder request;
    try {
      URI url = URI.create(notification.receiverUrl());
      request =
          HttpRequest.newBuilder(url)
              .timeout(HTTP_TIMEOUT)
              .header("Content-Type", "application/json");
      String body;
      if (Receivers.ALERTMANAGER.equals(notification.receiverKind())) {
        body =
            Payloads.alertmanager(
                alert, clock.instant(), config.resendInterval(), config.publicApiUrl());
      } else {
        body = Payloads.webhook(alert, notification.status(), config.publicApiUrl());
        Optional<Webhook> webhook = webhookOf(notification.receiverUrl(), alert);
        if (webhook.isEmpty()) {
          return CompletableFuture.completedFuture(
              Outcome.permanent(
                  null, "neither the rule nor the configuration names this webhook any more"));
        }
        String secret = webhook.get().secret();
        if (secret != null) {
          long timestamp = clock.instant().getEpochSecond();
          request.header(Signature.TIMESTAMP_HEADER, Long.toString(timestamp));
          request.header(Signature.SIGNATURE_HEADER, Signature.sign(secret, timestamp, body));
        }
      }
      request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      // a malformed URL or label JSON: no attempt will ever do better
      return CompletableFuture.completedFuture(Outcome.permanent(null, describe(e)));
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
        .thenApply(Deliverer::answered)
        .exceptionally(e -> Outcome.retriable(null, describe(e)));
  }

  /** The rule's webhook with this URL (its secret), else the configuration's. */
  private Optional<Webhook> webhookOf(String url, AlertRow alert) {
    for (RuleWebhook w : RuleSpecs.fromStoredJson(alert.ruleSpec()).webhooks()) {
      if (w.url().toString().equals(url)) {
        return Optional.of(new Webhook(w.url(), w.secret()));
      }
    }
    return config.webhooks().stream().filter(w -> w.url().toString().equals(url)).findFirst();
  }

  private static Outcome answered(HttpResponse<InputStream> response) {
    int status = response.statusCode();
    String start;
    try (InputStream body = response.body()) {
      start =
          status / 100 == 2
              ? ""
              : new String(body.readNBytes(ERROR_BODY_BYTES), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      start = "";
    }
    if (status / 100 == 2) {
      return Outcome.delivered(status);
    }
    String error = "HTTP " + status + (start.isEmpty() ? "" : ": " + start);
    // a refused request stays refused; a timeout, throttling or server error may pass later
    boolean permanent = status / 100 == 4 && status != 408 && status != 425 && status != 429;
    return permanent ? Outcome.permanent(status, error) : Outcome.retriable(status, error);
  }

  private static Outcome outcome(CompletableFuture<Outcome> sending) {
    try {
      return sending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.retriable(null, "interrupted while sending");
    } catch (ExecutionException e) {
      return Outcome.retriable(null, describe(e));
    }
  }

  private void record(Claimed n, Outcome outcome) {
    int attempts = n.attempts() + 1;
    String kind = n.receiverKind();
    if (outcome.delivered()) {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      """
                      UPDATE alert_notification SET state = 'delivered', attempts = :attempts, delivered_at = now(),
                        lease_until = NULL, last_status = :status, last_error = NULL
                      WHERE id = :id AND state = 'pending'
                      """)
                  .bind("id", n.id())
                  .bind("attempts", attempts)
                  .bind("status", outcome.status())
                  .execute());
      counter(sent, kind).increment();
      return;
    }
    boolean giveUp = outcome.permanent() || attempts >= config.maxAttempts();
    Duration backOff = config.backOffAfter(attempts);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    UPDATE alert_notification SET state = :state, attempts = :attempts, lease_until = NULL,
                      next_attempt_at = CASE WHEN :giveUp THEN next_attempt_at
                                             ELSE now() + :backOffMs * interval '1 millisecond' END,
                      last_status = :status, last_error = :error
                    WHERE id = :id AND state = 'pending'
                    """)
                .bind("id", n.id())
                .bind("state", giveUp ? "failed" : "pending")
                .bind("giveUp", giveUp)
                .bind("attempts", attempts)
                .bind("backOffMs", backOff.toMillis())
                .bind("status", outcome.status())
                .bind("error", outcome.error())
                .execute());
    if (giveUp) {
      counter(failed, kind).increment();
      LOG.warn(
          "Alert notification {} ({} alert {} to {} {}) failed after {} attempt(s), kept as failed:"
              + " {}",
          n.id(),
          n.status(),
          n.alertId(),
          kind,
          Receivers.redacted(URI.create(n.receiverUrl())),
          attempts,
          outcome.error());
    } else {
      counter(retried, kind).increment();
      LOG.debug(
          "Alert notification {} to {} {} failed (attempt {}): {}; next attempt in {} ms",
          n.id(),
          kind,
          Receivers.redacted(URI.create(n.receiverUrl())),
          attempts,
          outcome.error(),
          backOff.toMillis());
    }
  }

  private static Counter counter(Map<String, Counter> counters, String kind) {
    Counter c = counters.get(kind);
    return c != null ? c : counters.get(Receivers.WEBHOOK);
  }

  /**
   * Queues a firing notification per firing alert and Alertmanager that got none within the re-send
   * interval (and has none pending); one analyzer at a time, under a transaction-scoped advisory
   * lock.
   */
  int resendIfDue() {
    if (config.alertmanagerUrls().isEmpty() || clock.instant().isBefore(nextResendCheck)) {
      return 0;
    }
    nextResendCheck = clock.instant().plus(resendCheck);
    List<String> urls =
        config.alertmanagerUrls().stream()
            .map(Receivers::alertmanagerEndpoint)
            .map(URI::toString)
            .distinct()
            .toList();
    int queued =
        jdbi.inTransaction(
            h -> {
              if (!lockResend(h)) {
                return 0;
              }
              return h.createUpdate(RESEND)
                  .bindArray("urls", String.class, urls)
                  .bind("resendMs", config.resendInterval().toMillis())
                  .execute();
            });
    if (queued > 0) {
      LOG.debug("Re-sending {} firing alert notification(s) to Alertmanager", queued);
    }
    return queued;
  }

  private static boolean lockResend(Handle h) {
    return h.createQuery("SELECT pg_try_advisory_xact_lock(:key)")
        .bind("key", RESEND_LOCK)
        .mapTo(Boolean.class)
        .one();
  }

  private Duration untilNextDue() {
    Long ms = jdbi.withHandle(h -> h.createQuery(NEXT_DUE_MS).mapTo(Long.class).one());
    if (ms == null || ms >= POLL.toMillis()) {
      return POLL;
    }
    return Duration.ofMillis(Math.max(10, ms));
  }

  /**
   * The failure as a receiver's owner needs it: the exception sending raised (not its wrapper), and
   * what caused it.
   */
  static String describe(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    String text =
        t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    Throwable cause = t.getCause();
    if (cause != null && cause != t) {
      text +=
          " ("
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
              + ")";
    }
    return text;
  }

  /** A notification this deliverer holds the lease of. */
  record Claimed(
      long id,
      long alertId,
      String receiverKind,
      String receiverUrl,
      String status,
      int attempts) {}

  /** One attempt's result; {@code status} is the HTTP status when a receiver answered. */
  record Outcome(boolean delivered, boolean permanent, Integer status, String error) {
    static Outcome delivered(int status) {
      return new Outcome(true, false, status, null);
    }

    static Outcome retriable(Integer status, String error) {
      return new Outcome(false, false, status, error);
    }

    static Outcome permanent(Integer status, String error) {
      return new Outcome(false, true, status, error);
    }
  }
}
