using SecComms.Core.Audit;
using SecComms.Core.Errors;
using SecComms.Web.Authentication;

namespace SecComms.Web.Audit;

public static class AuditEndpoints
{
    /// <param name="Seq">The latest event's sequence number.</param>
    /// <param name="Hash">Its hash.</param>
    /// <param name="Head">Both as <c>SEQ:HASH</c>, the form <c>expect</c> takes.</param>
    public sealed record AuditHeadResponse(long Seq, string Hash, string Head);

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(AuthPolicies.ApiAuditReader).ProducesValidationProblem();
        audit.MapGet("/", async (AuditLog log, string? entity, string? action, long? after, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await log.ListAsync(new AuditFilter(entity, action, after, limit ?? 100), ct)))
            .WithName("ListAuditEvents")
            .WithSummary("Audit events in chain order, optionally for one entity or action; page with ?after=<seq> (security team only).");
        audit.MapGet("/head", async (AuditLog log, CancellationToken ct) =>
            {
                var head = await log.HeadAsync(ct) ?? throw new NotFoundException("The audit trail is empty: there is no head to anchor yet.");
                return TypedResults.Ok(new AuditHeadResponse(head.Seq, head.Hash, head.ToString()));
            })
            .WithName("GetAuditHead")
            .WithSummary("The latest event's sequence number and hash, as SEQ:HASH: keep it outside SecComms and pass it to verify as expect (security team only).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        audit.MapGet("/verify", async (AuditVerifier verifier, string? expect, CancellationToken ct) =>
                TypedResults.Ok(await verifier.VerifyAsync(expect is null ? null : AuditHead.Parse(expect, "expect"), ct)))
            .WithName("VerifyAudit")
            .WithSummary("Walks the hash chain: valid, or the first broken sequence number and why. With expect=SEQ:HASH, a head kept " +
                "from before, it is also invalid when that event is missing or has another hash (security team only).");
        return api;
    }
}
