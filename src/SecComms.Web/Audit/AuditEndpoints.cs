using SecComms.Core.Audit;
using SecComms.Web.Authentication;

namespace SecComms.Web.Audit;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(AuthPolicies.ApiAuditReader).ProducesValidationProblem();
        audit.MapGet("/", async (AuditLog log, string? entity, string? action, long? after, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await log.ListAsync(new AuditFilter(entity, action, after, limit ?? 100), ct)))
            .WithName("ListAuditEvents")
            .WithSummary("Audit events in chain order, optionally for one entity or action; page with ?after=<seq> (security team only).");
        audit.MapGet("/verify", async (AuditVerifier verifier, CancellationToken ct) => TypedResults.Ok(await verifier.VerifyAsync(ct)))
            .WithName("VerifyAudit")
            .WithSummary("Walks the hash chain: valid, or the first broken sequence number and why (security team only).");
        return api;
    }
}
