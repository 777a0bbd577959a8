using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Workflow;

namespace SecComms.Web.Communications;

/// <summary>Review, approval, scheduling and publication of a communication.</summary>
public static class WorkflowEndpoints
{
    /// <param name="At">When to publish.</param>
    /// <param name="ExceptionId">An approved policy exception for this communication that covers the gates closed at that time.</param>
    public sealed record ScheduleRequest(DateTimeOffset? At, Guid? ExceptionId);

    /// <param name="ExceptionId">An approved policy exception for this communication that covers the gates closed now.</param>
    public sealed record PublishRequest(Guid? ExceptionId);

    public sealed record ReasonRequest(string? Reason);

    public sealed record CustomersAffectedRequest(bool? CustomersAffected);

    public sealed record EmergencyRequest(bool? Emergency);

    public static RouteGroupBuilder MapWorkflowEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/communications/{id:guid}")
            .WithTags("Workflow")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/submit", async (Guid id, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.SubmitAsync(actor, id, ct)))
            .WithName("SubmitCommunication")
            .WithSummary("Submits a draft for review; the first approval stage opens.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/approvals", async Task<Created<ApprovalView>> (Guid id, DecisionRequest request, Actor actor, WorkflowService workflow,
                CancellationToken ct) =>
            {
                var approval = await workflow.DecideAsync(actor, id, request, ct);
                return TypedResults.Created($"/api/v1/communications/{id}/approvals", approval);
            })
            .WithName("DecideOnCommunication")
            .WithSummary("Approves or rejects the current revision for a stage, or gives advice as a consulted team. packageHash must be the one the caller was shown: the current text, links, embargo and audience.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/approvals", async (Guid id, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.ApprovalsAsync(actor, id, ct)))
            .WithName("ListApprovals")
            .WithSummary("Every decision taken on the communication, oldest first; current says whether it still counts for the current revision.");

        group.MapGet("/requirements", async (Guid id, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.RequirementsAsync(actor, id, ct)))
            .WithName("GetRequirements")
            .WithSummary("What still stands between the communication and publication: each stage, consults given, the SAFE check, and readyToPublish.");

        group.MapPost("/customers-affected", async (Guid id, CustomersAffectedRequest request, Actor actor, WorkflowService workflow,
                CancellationToken ct) => TypedResults.Ok(await workflow.SetCustomersAffectedAsync(actor, id,
                request.CustomersAffected ?? throw ValidationException.For("customersAffected", "customersAffected is required: true or false."), ct)))
            .WithName("SetCustomersAffected")
            .WithSummary("Sets whether customers are affected, which adds or removes the stages the policy requires only then.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/emergency", async (Guid id, EmergencyRequest request, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.SetEmergencyAsync(actor, id,
                request.Emergency ?? throw ValidationException.For("emergency", "emergency is required: true or false."), ct)))
            .WithName("SetEmergencyMode")
            .WithSummary("Switches emergency mode (security or the owner team): emergency approval deadlines, and backup approvers once a stage's deadline passes.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/quorum-fallback", async (Guid id, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.QuorumFallbackAsync(actor, id, ct)))
            .WithName("GetQuorumFallback")
            .WithSummary("Whether the quorum fallback of a message about an incident may be invoked now, from when, and which stages it would waive.");

        group.MapPost("/quorum-fallback", async (Guid id, QuorumFallbackRequest request, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.InvokeQuorumFallbackAsync(actor, id, request, ct)))
            .WithName("InvokeQuorumFallback")
            .WithSummary("Near the incident's send deadline, waives the stages outside the policy's required minimum for this review round; security team, with a reason, audited.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/safe", async (Guid id, SafeRequest request, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.AnswerSafeAsync(actor, id, request, ct)))
            .WithName("AnswerSafeCheck")
            .WithSummary("Answers the SAFE questions of a public communication (an author or its owner team); flagged answers add the approval stages the policy names.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/safe", async (Guid id, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.SafeAsync(actor, id, ct)))
            .WithName("GetSafeCheck")
            .WithSummary("The SAFE answers (answered, missing, or not required when confidential), the risks they flag and the teams they add.");

        group.MapPost("/schedule", async (Guid id, ScheduleRequest request, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.ScheduleAsync(actor, id, request.At, request.ExceptionId, ct)))
            .WithName("ScheduleCommunication")
            .WithSummary("Schedules an approved communication for a future time; its gates must be open then, or be covered by exceptionId. It is published at that time.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/publish", async (Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PublishRequest? request, Actor actor,
                WorkflowService workflow, CancellationToken ct) => TypedResults.Ok(await workflow.PublishAsync(actor, id, request?.ExceptionId, ct)))
            .WithName("PublishCommunication")
            .WithSummary("Publishes an approved or scheduled communication now, freezing it at the approved revision. Closed gates need exceptionId: an approved, unexpired policy exception for it.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/ship-with-release", async (Guid id, ShipWithReleaseRequest request, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.ShipWithReleaseAsync(actor, id, request, ct)))
            .WithName("ShipWithRelease")
            .WithSummary("Arms an approved communication (armed: true) to be published in the transaction that publishes its security release, or disarms it (armed: false). Arming needs it ready to go out but for the release.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/withdraw", async (Guid id, ReasonRequest request, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.WithdrawAsync(actor, id, request.Reason, ct)))
            .WithName("WithdrawCommunication")
            .WithSummary("Withdraws a communication that is not yet published, with the reason.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/decision", async (Guid id, ReasonRequest request, Actor actor, WorkflowService workflow, CancellationToken ct) =>
                TypedResults.Ok(await workflow.DecideNoPublicNotificationAsync(actor, id, request.Reason, ct)))
            .WithName("DecideNoPublicNotification")
            .WithSummary("Records the security team's reasoned decision that an incident gets no public notification.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
