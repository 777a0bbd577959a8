using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecComms.Core.Audit;
using SecComms.Core.Communications;
using SecComms.Core.Data;
using SecComms.Core.Policy;

namespace SecComms.Core.Distribution;

/// <summary>Writes a publication's webhook events, in the transaction that publishes it.</summary>
public sealed class WebhookEvents(SecCommsDb db, CommunicationService communications, SecCommsPolicy policy, IOptions<SiteOptions> site, TimeProvider time)
{
    public const string Published = "communication.published";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<int> QueueAsync(Communication communication, CancellationToken cancellationToken)
    {
        var webhooks = (await db.Webhooks.AsNoTracking().Where(w => w.Active).ToListAsync(cancellationToken))
            .Where(w => Hears(w, communication))
            .ToList();
        if (webhooks.Count == 0)
        {
            return 0;
        }
        var toldTheText = await ToldTheTextAsync(communication, webhooks, cancellationToken);
        var revision = toldTheText.Count == 0 ? null : await db.Revisions.AsNoTracking()
            .SingleAsync(r => r.CommunicationId == communication.Id && r.Number == communication.CurrentRevision, cancellationToken);
        var onWeb = !communication.IsConfidential && policy.Categories.TryGetValue(communication.Category, out var category) && category.Channels.Contains(Channels.Web);
        var url = onWeb ? site.Value.Link($"/{Advisories.PublicPath(communication.Reference)}") : null;
        var now = time.GetUtcNow();
        foreach (var webhook in webhooks)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = webhook.Id,
                CommunicationId = communication.Id,
                Event = Published,
                Payload = toldTheText.Contains(webhook.Id) && revision is not null
                    ? Payload(webhook.Format, communication, revision, url, now)
                    : Withheld(webhook.Format, communication, now),
                Status = DeliveryStatus.Queued,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }
        return webhooks.Count;
    }

    /// <summary>
    /// A webhook that lists categories hears of every publication in them, confidential ones included (as <see cref="Withheld"/>
    /// events unless <see cref="ToldTheTextAsync"/> says otherwise); one that lists none hears only of communications that
    /// are not confidential.
    /// </summary>
    private static bool Hears(Webhook webhook, Communication communication) =>
        webhook.Categories.Count == 0 ? !communication.IsConfidential : webhook.Categories.Contains(communication.Category);

    /// <summary>
    /// The webhooks told a communication's title, summary and text: all of them when it is not confidential; when it is,
    /// those whose owner may read it, by the one rule of <see cref="CommunicationService.ReadersAmongAsync"/>, and is not
    /// disabled. A webhook without an owner is told none.
    /// </summary>
    private async Task<IReadOnlySet<Guid>> ToldTheTextAsync(Communication communication, List<Webhook> webhooks, CancellationToken cancellationToken)
    {
        if (!communication.IsConfidential)
        {
            return webhooks.Select(w => w.Id).ToHashSet();
        }
        var ownerIds = webhooks.Select(w => w.OwnerId).OfType<Guid>().Distinct().ToList();
        var active = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id) && !u.Disabled).Select(u => u.Id).ToListAsync(cancellationToken);
        var readers = await communications.ReadersAmongAsync(communication, active, cancellationToken);
        return webhooks.Where(w => w.OwnerId is { } owner && readers.Contains(owner)).Select(w => w.Id).ToHashSet();
    }

    private static string Payload(WebhookFormat format, Communication communication, Revision revision, string? url, DateTimeOffset at) => format switch
    {
        WebhookFormat.Slack => JsonSerializer.Serialize(new
        {
            text = $"*{communication.Reference} published:* {revision.Title}" + (revision.ShortText.Length > 0 ? $"\n{revision.ShortText}" : "") + (url is null ? "" : $"\n<{url}>"),
        }, Json),
        _ => JsonSerializer.Serialize(new
        {
            @event = Published,
            at,
            communication = new
            {
                reference = communication.Reference,
                category = communication.Category,
                title = revision.Title,
                summary = revision.ShortText,
                revision = revision.Number,
                publishedAt = communication.PublishedAt,
                confidential = communication.IsConfidential,
                url,
            },
        }, Json),
    };

    /// <remarks>
    /// SecComms cannot know who reads a webhook's endpoint, only who set it up: a confidential communication its owner may
    /// not read is announced by its reference and category only; its title, summary and text stay where its readers see them.
    /// </remarks>
    private static string Withheld(WebhookFormat format, Communication communication, DateTimeOffset at) => format switch
    {
        WebhookFormat.Slack => JsonSerializer.Serialize(new
        {
            text = $"*{communication.Reference} published:* a confidential {communication.Category} communication; its text is only in SecComms.",
        }, Json),
        _ => JsonSerializer.Serialize(new
        {
            @event = Published,
            at,
            communication = new
            {
                reference = communication.Reference,
                category = communication.Category,
                confidential = true,
            },
        }, Json),
    };

    /// <summary>
    /// Queues an <c>audit.head</c> event with the audit chain's head to one webhook, so the head is kept where SecComms cannot
    /// change it; not again when that webhook's latest one already carries this head.
    /// </summary>
    public async Task<AuditHeadDelivery> QueueAuditHeadAsync(Guid webhookId, AuditHead head, CancellationToken cancellationToken)
    {
        const string Event = "audit.head";
        var webhook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == webhookId && w.Active, cancellationToken);
        if (webhook is null)
        {
            return AuditHeadDelivery.NoActiveWebhook;
        }
        var latest = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId && d.Event == Event)
            .OrderByDescending(d => d.Id).Select(d => d.Payload).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.Contains(head.ToString(), StringComparison.Ordinal))
        {
            return AuditHeadDelivery.AlreadyQueued;
        }
        var now = time.GetUtcNow();
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            WebhookId = webhook.Id,
            CommunicationId = Guid.Empty,
            Event = Event,
            Payload = webhook.Format == WebhookFormat.Slack
                ? JsonSerializer.Serialize(new { text = $"*SecComms audit head:* `{head}`" }, Json)
                : JsonSerializer.Serialize(new { @event = Event, at = now, audit = new { seq = head.Seq, hash = head.Hash, head = head.ToString() } }, Json),
            Status = DeliveryStatus.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        return AuditHeadDelivery.Queued;
    }

    /// <summary>Where the public site shows a communication.</summary>
    private static class Advisories
    {
        public static string PublicPath(string reference) => $"advisories/{reference}";
    }
}

public enum AuditHeadDelivery
{
    Queued,
    /// <summary>The webhook's latest <c>audit.head</c> event already carries this head.</summary>
    AlreadyQueued,
    /// <summary>No active webhook has that id.</summary>
    NoActiveWebhook,
}
