using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecComms.Core.Data;

namespace SecComms.Core.Distribution;

/// <summary>
/// Posts due webhook events. Each request is signed: <c>X-SecComms-Signature: sha256=HEX</c>, the HMAC-SHA256 under the
/// webhook's secret of <c>{X-SecComms-Timestamp}.{body}</c>. A 2xx answer delivers it; a 408, 429, 5xx or network
/// error retries with backoff; an address it may not reach (<see cref="WebhookDestinations"/>) or any other answer fails it
/// for good. Only the <see cref="WebhookFailure"/> is recorded.
/// </summary>
public sealed class WebhookSender(SecCommsDb db, WebhookClient client, IOptions<DistributionOptions> options, TimeProvider time, ILogger<WebhookSender> logger)
{
    private const int Batch = 50;

    public async Task<SendResult> SendDueAsync(CancellationToken cancellationToken)
    {
        var rows = new DeliveryRows(db, "webhook_deliveries");
        int sent = 0, deferred = 0, failed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var ids = await rows.ClaimAsync(Batch, now, now + options.Value.ClaimLease, cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }
            var claimed = await (from d in db.WebhookDeliveries.AsTracking()
                                 join w in db.Webhooks on d.WebhookId equals w.Id
                                 where ids.Contains(d.Id)
                                 select new { Delivery = d, w.Url, w.Secret }).ToListAsync(cancellationToken);
            foreach (var item in claimed)
            {
                var (failure, retry) = await PostAsync(item.Delivery, item.Url, item.Secret, cancellationToken);
                var delivery = item.Delivery;
                delivery.Attempts++;
                delivery.ClaimedUntil = null;
                delivery.Failure = failure;
                if (failure is null)
                {
                    (delivery.Status, delivery.SentAt) = (DeliveryStatus.Sent, time.GetUtcNow());
                    sent++;
                    continue;
                }
                retry &= delivery.Attempts < options.Value.MaxAttempts;
                delivery.Status = retry ? DeliveryStatus.Deferred : DeliveryStatus.Failed;
                delivery.NextAttemptAt = retry ? time.GetUtcNow() + options.Value.Backoff(delivery.Attempts, Random.Shared.NextDouble()) : time.GetUtcNow();
                _ = retry ? deferred++ : failed++;
                logger.LogInformation("Webhook delivery {Id} to {Url}: {Failure}; {Outcome}", delivery.Id, item.Url, KebabNames.Of(failure.Value), retry ? "will retry" : "gave up");
            }
            await db.SaveChangesAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
        }
        return new SendResult(sent, deferred, failed);
    }

    /// <summary>The signature header's value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Signature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    private async Task<(WebhookFailure? Failure, bool Retry)> PostAsync(WebhookDelivery delivery, string url, string secret, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-SecComms-Event", delivery.Event);
        request.Headers.Add("X-SecComms-Delivery", delivery.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-SecComms-Timestamp", timestamp);
        request.Headers.Add("X-SecComms-Signature", Signature(secret, timestamp, delivery.Payload));
        try
        {
            using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode ? (null, false) : WebhookFailures.Of(response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return WebhookFailures.Of(e);
        }
    }
}
