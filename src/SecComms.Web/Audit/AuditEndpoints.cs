using Microsoft.EntityFrameworkCore;
using SecComms.Core.Audit;
using SecComms.Core.Data;
using SecComms.Core.Errors;
using SecComms.Web.Authentication;

namespace SecComms.Web.Audit;

public static class AuditEndpoints
{
    public sealed record AuditPage(IReadOnlyList<AuditEvent> Items, long? NextAfter);

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(AuthPolicies.ApiAuditReader);
        audit.MapGet("/", async (SecCommsDb db, string? entity, string? action, long? after, int? limit, CancellationToken ct) =>
            {
                var take = limit ?? 100;
                new Validation()
                    .Require(take is >= 1 and <= 1000, "limit", "limit must be between 1 and 1000.")
                    .Require(after is null or >= 0, "after", "after must be a sequence number (0 or more).")
                    .ThrowIfInvalid();
                var query = db.AuditEvents.AsNoTracking().Where(e => e.Seq > (after ?? 0));
                if (!string.IsNullOrEmpty(entity))
                {
                    query = query.Where(e => e.Entity == entity);
                }
                if (!string.IsNullOrEmpty(action))
                {
                    query = query.Where(e => e.Action == action);
                }
                var items = await query.OrderBy(e => e.Seq).Take(take + 1).ToListAsync(ct);
                var more = items.Count > take;
                var page = items.Take(take).ToList();
                return TypedResults.Ok(new AuditPage(page, more ? page[^1].Seq : null));
            })
            .WithName("ListAuditEvents")
            .WithSummary("Audit events in order, optionally for one entity or action; page with ?after=<seq>.");
        audit.MapGet("/verify", async (AuditVerifier verifier, CancellationToken ct) => TypedResults.Ok(await verifier.VerifyAsync(ct)))
            .WithName("VerifyAudit")
            .WithSummary("Walks the hash chain: valid, or the first broken sequence number and why.");
        return api;
    }
}
