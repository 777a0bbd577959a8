using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Core.Distribution;

public sealed record WebhookInput(string? Name, string? Url, WebhookFormat Format = WebhookFormat.Json, IReadOnlyList<string>? Categories = null, bool Active = true);

/// <summary>A webhook as its managers see it; the secret is shown once, when it is created.</summary>
public sealed record WebhookView(Guid Id, string Name, string Url, WebhookFormat Format, IReadOnlyList<string> Categories, bool Active, WebhookOwner? Owner,
    string? Secret, WebhookCounts Deliveries);

/// <summary>Who last saved a webhook: it carries a confidential communication's text only if they may read it and are not disabled.</summary>
public sealed record WebhookOwner(Guid Id, string Email, string Name, bool Disabled);

public sealed record WebhookCounts(int Queued, int Deferred, int Sent, int Failed);

public sealed record WebhookDeliveryView(long Id, string Event, string Communication, DeliveryStatus Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, WebhookFailure? Failure);

/// <summary>Outbound webhooks, which the security team and administrators manage.</summary>
/// <remarks>
/// Whoever saves a webhook becomes its owner: the person who last chose where its events go answers for what they carry.
/// </remarks>
public sealed class Webhooks(SecCommsDb db, WriteScope writes, AuditTrail audit, SecCommsPolicy policy, WebhookDestinations destinations, TimeProvider time)
{
    public async Task<IReadOnlyList<WebhookView>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        RequireManager(actor);
        var webhooks = await db.Webhooks.AsNoTracking().OrderBy(w => w.Name).ToListAsync(cancellationToken);
        var counts = await db.WebhookDeliveries.AsNoTracking().GroupBy(d => new { d.WebhookId, d.Status })
            .Select(g => new { g.Key.WebhookId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        var ownerIds = webhooks.Select(w => w.OwnerId).OfType<Guid>().Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new WebhookOwner(u.Id, u.Email, u.Name, u.Disabled), cancellationToken);
        return [.. webhooks.Select(w => View(w, w.OwnerId is { } owner ? owners.GetValueOrDefault(owner) : null, null,
            counts.Where(c => c.WebhookId == w.Id).ToDictionary(c => c.Status, c => c.Count)))];
    }

    public async Task<WebhookView> CreateAsync(Actor actor, WebhookInput input, CancellationToken cancellationToken)
    {
        RequireManager(actor);
        Check(input, destination: true);
        return await writes.RunAsync(async () =>
        {
            var now = time.GetUtcNow();
            var webhook = new Webhook
            {
                Name = input.Name!.Trim(),
                Url = input.Url!.Trim(),
                Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
                Format = input.Format,
                Categories = [.. (input.Categories ?? []).Distinct()],
                Active = input.Active,
                OwnerId = actor.UserId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Webhooks.Add(webhook);
            await audit.RecordAsync(actor.Email, "webhook.created", Entity(webhook.Id), new { webhook.Name, webhook.Url, Format = KebabNames.Of<WebhookFormat>(webhook.Format), webhook.Categories, webhook.Active }, cancellationToken);
            return View(webhook, Owner(actor), webhook.Secret, []);
        }, cancellationToken);
    }

    public async Task<WebhookView> UpdateAsync(Actor actor, Guid id, WebhookInput input, CancellationToken cancellationToken)
    {
        RequireManager(actor);
        Check(input, destination: false);
        return await writes.RunAsync(async () =>
        {
            var webhook = await db.Webhooks.AsTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw new NotFoundException("No such webhook.");
            // Switching off a webhook whose address is no longer allowed must still work.
            if (input.Active || input.Url!.Trim() != webhook.Url)
            {
                Check(input, destination: true);
            }
            (webhook.Name, webhook.Url, webhook.Format, webhook.Categories, webhook.Active, webhook.OwnerId, webhook.UpdatedAt) =
                (input.Name!.Trim(), input.Url!.Trim(), input.Format, [.. (input.Categories ?? []).Distinct()], input.Active, actor.UserId, time.GetUtcNow());
            await audit.RecordAsync(actor.Email, "webhook.updated", Entity(webhook.Id), new { webhook.Name, webhook.Url, Format = KebabNames.Of<WebhookFormat>(webhook.Format), webhook.Categories, webhook.Active }, cancellationToken);
            return View(webhook, Owner(actor), null, []);
        }, cancellationToken);
    }

    public Task DeleteAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        RequireManager(actor);
        return writes.RunAsync(async () =>
        {
            var webhook = await db.Webhooks.AsTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw new NotFoundException("No such webhook.");
            db.Webhooks.Remove(webhook);
            await audit.RecordAsync(actor.Email, "webhook.deleted", Entity(webhook.Id), new { webhook.Name, webhook.Url }, cancellationToken);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookDeliveryView>> DeliveriesAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        RequireManager(actor);
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, cancellationToken))
        {
            throw new NotFoundException("No such webhook.");
        }
        var rows = await (from d in db.WebhookDeliveries.AsNoTracking()
                          join c in db.Communications on d.CommunicationId equals c.Id
                          where d.WebhookId == id
                          orderby d.Id descending
                          select new { d, c.Number }).Take(200).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new WebhookDeliveryView(r.d.Id, r.d.Event, $"SC-{r.Number}", r.d.Status, r.d.Attempts, r.d.CreatedAt, r.d.SentAt,
            r.d.NextAttemptAt, r.d.Failure))];
    }

    public static string Entity(Guid id) => $"webhook:{id}";

    /// <summary>Webhooks reach outside the company, so only the security team and administrators, with write access, manage them.</summary>
    public static bool MayManage(Actor actor) => (actor.IsAdmin || actor.IsInTeam(Actor.SecurityTeam)) && actor.CanWrite;

    private static void RequireManager(Actor actor)
    {
        if (!MayManage(actor))
        {
            throw new ForbiddenException("Only the security team and administrators manage webhooks.");
        }
    }

    private void Check(WebhookInput input, bool destination)
    {
        var url = Uri.TryCreate(input.Url?.Trim(), UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(parsed.UserInfo) && input.Url!.Length <= 2000 ? parsed : null;
        var validation = new Validation()
            .Require(!string.IsNullOrWhiteSpace(input.Name), "name", "name is required.")
            .MaxLength(input.Name?.Trim(), AudienceLimits.Name, "name")
            .PlainText(input.Name, "name")
            .Require(url is not null, "url", "url must be an absolute http or https address without credentials.");
        if (destination && url is not null && destinations.Refusal(url) is { } refusal)
        {
            validation.Require(false, "url", refusal);
        }
        foreach (var (category, i) in (input.Categories ?? []).Select((c, i) => (c, i)))
        {
            validation.Require(policy.Categories.ContainsKey(category), $"categories[{i}]", $"categories[{i}] '{category}' is not a category of the policy.");
        }
        validation.ThrowIfInvalid();
    }

    private static WebhookOwner Owner(Actor actor) => new(actor.UserId, actor.Email, actor.Name, false);

    private static WebhookView View(Webhook w, WebhookOwner? owner, string? secret, Dictionary<DeliveryStatus, int> counts) =>
        new(w.Id, w.Name, w.Url, w.Format, w.Categories, w.Active, owner, secret,
            new WebhookCounts(counts.GetValueOrDefault(DeliveryStatus.Queued), counts.GetValueOrDefault(DeliveryStatus.Deferred),
                counts.GetValueOrDefault(DeliveryStatus.Sent), counts.GetValueOrDefault(DeliveryStatus.Failed)));
}
