using Microsoft.AspNetCore.Http.HttpResults;
using SecComms.Core.Errors;
using SecComms.Core.Exceptions;
using SecComms.Core.Identity;
using SecComms.Web.Hosting;

namespace SecComms.Web.Exceptions;

/// <summary>The policy exception register: request, decide, revoke, extend and read exceptions.</summary>
public static class ExceptionEndpoints
{
    /// <param name="Comment">A note kept with the approval.</param>
    public sealed record ApproveRequest(string? Comment);

    /// <param name="Reason">Why; required.</param>
    public sealed record ReasonRequest(string? Reason);

    public static RouteGroupBuilder MapExceptionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exceptions")
            .WithTags("Policy exceptions")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", async (Actor actor, ExceptionRegister register, string? status, Guid? communicationId, bool? mine, string? risk,
                int? expiringWithinDays, string? cursor, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await register.ListAsync(actor, new ExceptionFilter(QueryEnum.Parse<ExceptionStatus>(status, "status"), communicationId, mine ?? false, ParseRisk(risk),
                    expiringWithinDays, cursor, limit ?? 25), ct)))
            .WithName("ListExceptions")
            .WithSummary("Policy exceptions you may see, newest first; filter by status (expired includes those whose period just ended), communicationId, mine, risk, expiringWithinDays.");

        group.MapPost("/", async Task<Created<ExceptionView>> (ExceptionRequest request, Actor actor, ExceptionRegister register, CancellationToken ct) =>
            {
                var created = await register.RequestAsync(actor, request, ct);
                return TypedResults.Created($"/api/v1/exceptions/{created.Id}", created);
            })
            .WithName("RequestException")
            .WithSummary("Requests a policy exception; periodDays is at most the policy's maximum. The approver teams are notified.");

        group.MapGet("/{id:guid}", async (Guid id, Actor actor, ExceptionRegister register, CancellationToken ct) =>
                TypedResults.Ok(await register.GetAsync(actor, id, ct)))
            .WithName("GetException")
            .WithSummary("One policy exception, with whether it is in force and what you may do with it.");

        group.MapPost("/{id:guid}/approve", async (Guid id, ApproveRequest? request, Actor actor, ExceptionRegister register, CancellationToken ct) =>
                TypedResults.Ok(await register.ApproveAsync(actor, id, request?.Comment, ct)))
            .WithName("ApproveException")
            .WithSummary("Approves a requested exception (an approver, never its requester): it is in force from now for its period.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/reject", async (Guid id, ReasonRequest request, Actor actor, ExceptionRegister register, CancellationToken ct) =>
                TypedResults.Ok(await register.RejectAsync(actor, id, request.Reason, ct)))
            .WithName("RejectException")
            .WithSummary("Rejects a requested exception with a reason (an approver, never its requester).")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/revoke", async (Guid id, ReasonRequest request, Actor actor, ExceptionRegister register, CancellationToken ct) =>
                TypedResults.Ok(await register.RevokeAsync(actor, id, request.Reason, ct)))
            .WithName("RevokeException")
            .WithSummary("Ends an exception in force before its period is over, with a reason (an approver).")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/extend", async Task<Created<ExceptionView>> (Guid id, ExtensionRequest request, Actor actor, ExceptionRegister register,
                CancellationToken ct) =>
            {
                var extension = await register.ExtendAsync(actor, id, request, ct);
                return TypedResults.Created($"/api/v1/exceptions/{extension.Id}", extension);
            })
            .WithName("ExtendException")
            .WithSummary("Requests an extension of an approved exception (its requester or an approver): a new request for the same rule, communication and gates; the original is unchanged.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }



    private static RiskRating? ParseRisk(string? risk) =>
        risk is null ? null
        : ExceptionRegister.Risks.TryGetValue(risk, out var parsed) ? parsed
        : throw ValidationException.For("risk", $"Unknown risk '{risk}'; one of: {string.Join(", ", ExceptionRegister.Risks.Keys)}.");
}
