using Microsoft.Extensions.Options;
using SecComms.Core.Audit;
using SecComms.Core.Distribution;
using SecComms.Web.Hosting;

namespace SecComms.Web.Audit;

public sealed class AuditAnchorOptions
{
    public const string Section = "Audit";

    /// <summary>How often the head is logged and sent; zero turns it off on this node.</summary>
    public TimeSpan AnchorInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The webhook the head is also sent to, as an <c>audit.head</c> event; none when unset.</summary>
    public Guid? AnchorWebhookId { get; set; }
}

/// <summary>
/// Writes the audit chain's head to the log, and queues it to a webhook when one is named, on a timer: kept outside SecComms,
/// a head later shows whether events were cut from the end (<c>audit verify --expect</c>).
/// </summary>
/// <remarks>
/// Every node may run it. Each logs the head it reads; a webhook is sent a head once, however many nodes read it, since
/// the event is queued in a write scope and not again while its latest one carries the same head.
/// </remarks>
internal sealed class AuditHeadAnchoring(IServiceScopeFactory scopes, IOptions<AuditAnchorOptions> options, TimeProvider time, ILogger<AuditHeadAnchoring> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.AnchorInterval;
        if (interval <= TimeSpan.Zero)
        {
            logger.LogInformation("Anchoring the audit head is off on this node (Audit:AnchorInterval is {Interval}).", interval);
            return;
        }
        await Periodic.RunAsync(interval, time, logger, "anchor the audit head", () => AnchorOnceAsync(stoppingToken), stoppingToken);
    }

    public async Task AnchorOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var webhookId = options.Value.AnchorWebhookId;
        var (head, delivery) = await scope.ServiceProvider.GetRequiredService<AuditAnchor>().AnchorAsync(webhookId, cancellationToken);
        if (head is null)
        {
            logger.LogInformation("The audit trail is empty: no head to anchor yet.");
            return;
        }
        logger.LogInformation("Audit head {AuditHead}: event {AuditSeq}, hash {AuditHash}.", head.ToString(), head.Seq, head.Hash);
        switch (delivery)
        {
            case AuditHeadDelivery.Queued:
                logger.LogInformation("Queued audit head {AuditHead} for webhook {WebhookId}.", head.ToString(), webhookId);
                break;
            case AuditHeadDelivery.NoActiveWebhook:
                logger.LogWarning("Audit:AnchorWebhookId {WebhookId} is no active webhook: the audit head was only logged.", webhookId);
                break;
        }
    }
}
