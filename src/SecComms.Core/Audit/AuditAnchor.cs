using SecComms.Core.Data;
using SecComms.Core.Distribution;

namespace SecComms.Core.Audit;

/// <summary>The head sent out, or null while the trail is empty; and what became of the webhook event, if one was asked for.</summary>
public sealed record AuditAnchoring(AuditHead? Head, AuditHeadDelivery? Delivery);

/// <summary>
/// Reads the audit chain's head so that it can be kept outside SecComms, and queues it to a webhook when one is named:
/// a head kept elsewhere is what shows, later, that no event was cut from the end (<see cref="AuditVerifier"/>).
/// </summary>
public sealed class AuditAnchor(AuditLog log, WriteScope writes, WebhookEvents webhooks)
{
    public async Task<AuditAnchoring> AnchorAsync(Guid? webhookId, CancellationToken cancellationToken)
    {
        if (webhookId is not { } id)
        {
            return new AuditAnchoring(await log.HeadAsync(cancellationToken), null);
        }
        return await writes.RunAsync(async () =>
        {
            var head = await log.HeadAsync(cancellationToken);
            return new AuditAnchoring(head, head is null ? null : await webhooks.QueueAuditHeadAsync(id, head, cancellationToken));
        }, cancellationToken);
    }
}
