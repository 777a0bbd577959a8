using SecComms.Core.Audit;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
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
        audit.MapGet("/", async (AuditLog log, Actor reader, string? entity, string? action, string? actor, DateTimeOffset? from, DateTimeOffset? to,
                long? after, long? before, string? order, int? limit, CancellationToken ct) =>
            {
                var cursor = Cursor(after, before, order, limit ?? 100);
                return TypedResults.Ok(await log.ListAsync(reader, new AuditFilter(entity, action, actor, from, to), cursor, ct));
            })
            .WithName("ListAuditEvents")
            .WithSummary("Audit events, filtered by entity, action, actor (an email, system, setup or cli) and time (from, included, to, not): in chain " +
                "order, paged with ?after=<nextAfter>; or with order=newest, newest first, paged with ?before=<nextBefore> (security team only).");
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

    private static AuditCursor Cursor(long? after, long? before, string? order, int limit)
    {
        new Validation()
            .Require(order is null or "oldest" or "newest", "order", "order must be oldest (chain order) or newest.")
            .Require(after is null || (before is null && order != "newest"), "after", "after pages in chain order; newest first, page with before.")
            .Require(before is null || order != "oldest", "before", "before pages newest first; in chain order, page with after.")
            .ThrowIfInvalid();
        return before is not null || order == "newest" ? new AuditCursor(true, before, limit) : new AuditCursor(false, after, limit);
    }
}
