using Microsoft.AspNetCore.Http.HttpResults;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Incidents.Clocks;
using SecComms.Web.Hosting;

namespace SecComms.Web.IncidentResponse;

/// <summary>Incidents and their communications plan: facts, status, timeline, engagement, clocks, messages and the no-public-notification decision.</summary>
public static class IncidentEndpoints
{
    public static RouteGroupBuilder MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents")
            .WithTags("Incidents")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        incidents.MapGet("/", async (Actor actor, Incidents service, CancellationToken ct, string? status = null,
                string? severity = null, string? search = null, bool? open = null, string? reference = null, string? cursor = null, int? limit = null) =>
                TypedResults.Ok(await service.ListAsync(actor,
                    new IncidentFilter(QueryEnum.Parse<IncidentStatus>(status, "status"), QueryEnum.Parse<IncidentSeverity>(severity, "severity"), search, open,
                        reference, cursor, limit ?? 25), ct)))
            .WithName("ListIncidents")
            .WithSummary("Incidents, the most recent first, a page at a time (follow nextCursor), filtered by status, severity, open (not yet resolved), search and reference (INC-3); only the security team sees any.");

        incidents.MapPost("/", async Task<Created<IncidentView>> (NewIncident request, Actor actor, Incidents service, CancellationToken ct) =>
            {
                var incident = await service.CreateAsync(actor, request, ct);
                return TypedResults.Created($"/api/v1/incidents/{incident.Id}", incident);
            })
            .WithName("CreateIncident")
            .WithSummary("Opens an incident (security team): its clocks start and its engagement rules apply. It is confidential to the security team.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        incidents.MapGet("/clocks", async (Actor actor, IncidentClocks clocks, CancellationToken ct) => TypedResults.Ok(await clocks.RunningAsync(actor, ct)))
            .WithName("ListRunningClocks")
            .WithSummary("Every open clock of every incident, the soonest due first (security team).");

        incidents.MapGet("/{id:guid}", async (Guid id, Actor actor, Incidents service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(actor, id, ct)))
            .WithName("GetIncident")
            .WithSummary("One incident (security team).");

        incidents.MapPatch("/{id:guid}", async (Guid id, IncidentUpdate request, Actor actor, Incidents service, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(actor, id, request, ct)))
            .WithName("UpdateIncident")
            .WithSummary("Changes the incident's facts; null keeps a field. Clocks start, move or are withdrawn to match, and a severity change re-times its messages' approvals.");

        incidents.MapPost("/{id:guid}/status", async (Guid id, StatusChangeRequest request, Actor actor, Incidents service, CancellationToken ct) =>
                TypedResults.Ok(await service.ChangeStatusAsync(actor, id, request, ct)))
            .WithName("ChangeIncidentStatus")
            .WithSummary("Moves the incident forward to identified, contained, resolved or post-incident-review, at a time (now by default) that fits its timeline.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        incidents.MapPost("/{id:guid}/contain", async (Guid id, ContainmentRequest request, Actor actor, Incidents service, CancellationToken ct) =>
                TypedResults.Ok(await service.ContainAsync(actor, id, request, ct)))
            .WithName("ContainIncident")
            .WithSummary("Records when the incident was contained (now when at is omitted), which opens the incident-contained gate of its communications.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        incidents.MapGet("/{id:guid}/timeline", async (Guid id, Actor actor, Incidents service, CancellationToken ct) =>
                TypedResults.Ok(await service.TimelineAsync(actor, id, ct)))
            .WithName("GetIncidentTimeline")
            .WithSummary("The incident's timeline, oldest first: notes, internal updates, status changes, engagements, clocks, messages and decisions.");

        incidents.MapPost("/{id:guid}/timeline", async (Guid id, TimelineRequest request, Actor actor, Incidents service, CancellationToken ct) =>
                TypedResults.Ok(await service.AddTimelineEntryAsync(actor, id, request, ct)))
            .WithName("AddIncidentTimelineEntry")
            .WithSummary("Adds a note, or an internal update, which restarts the severity's update cadence.");

        incidents.MapGet("/{id:guid}/clocks", async (Guid id, Actor actor, IncidentClocks clocks, CancellationToken ct) =>
                TypedResults.Ok(await clocks.ListAsync(actor, id, ct)))
            .WithName("GetIncidentClocks")
            .WithSummary("Each clock of the incident with its rule, start, due time, time remaining and state (waiting, running, escalated, met, missed, withdrawn).");

        incidents.MapPost("/{id:guid}/clocks/{key}/met", async (Guid id, string key, ClockMetRequest request, Actor actor, IncidentClocks clocks, CancellationToken ct) =>
                TypedResults.Ok(await clocks.MarkMetAsync(actor, id, key, request, ct)))
            .WithName("MarkClockMet")
            .WithSummary("Marks a clock met by the notification sent: a published communication about the incident, or evidence of a filing made elsewhere.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        incidents.MapGet("/{id:guid}/engagements", async (Guid id, Actor actor, Engagements engagements, CancellationToken ct) =>
                TypedResults.Ok(await engagements.ListAsync(actor, id, ct)))
            .WithName("GetIncidentEngagements")
            .WithSummary("Who the engagement rules say must be engaged, why and by when, and who has been.");

        incidents.MapPost("/{id:guid}/engagements", async (Guid id, EngageRequest request, Actor actor, Engagements engagements, CancellationToken ct) =>
                TypedResults.Ok(await engagements.EngageAsync(actor, id, request, ct)))
            .WithName("RecordEngagement")
            .WithSummary("Records that a party was engaged.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        incidents.MapGet("/{id:guid}/messages", async (Guid id, Actor actor, IncidentMessages messages, CancellationToken ct) =>
                TypedResults.Ok(await messages.ListAsync(actor, id, ct)))
            .WithName("GetIncidentMessages")
            .WithSummary("The incident's communication set: every communication linked to it, with its part and whether it has its Support FAQ and social statement.");

        incidents.MapPost("/{id:guid}/messages", async Task<Created<IncidentMessageView>> (Guid id, IncidentMessageRequest request, Actor actor,
                IncidentMessages messages, CancellationToken ct) =>
            {
                var message = await messages.CreateAsync(actor, id, request, ct);
                return TypedResults.Created($"/api/v1/communications/{message.Id}", message);
            })
            .WithName("DraftIncidentMessage")
            .WithSummary("Drafts the initial notice, an update or the resolution notice from its category's template, linked to the incident and on its severity's approval windows.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        incidents.MapGet("/{id:guid}/no-public-notification", async Task<Results<Ok<NoPublicNotificationView>, NoContent>> (Guid id, Actor actor,
                NoPublicNotifications decisions, CancellationToken ct) =>
                await decisions.GetAsync(actor, id, ct) is { } decision ? TypedResults.Ok(decision) : TypedResults.NoContent())
            .WithName("GetNoPublicNotification")
            .WithSummary("The decision not to notify the public, if one was proposed (security team and the teams that approve it).");

        incidents.MapPut("/{id:guid}/no-public-notification", async (Guid id, NoPublicNotificationRequest request, Actor actor,
                NoPublicNotifications decisions, CancellationToken ct) => TypedResults.Ok(await decisions.ProposeAsync(actor, id, request, ct)))
            .WithName("ProposeNoPublicNotification")
            .WithSummary("Proposes, with its reason, not to notify the public; each team the policy names must then approve it.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        incidents.MapPost("/{id:guid}/no-public-notification/approve", async (Guid id, Actor actor, NoPublicNotifications decisions, CancellationToken ct) =>
                TypedResults.Ok(await decisions.ApproveAsync(actor, id, ct)))
            .WithName("ApproveNoPublicNotification")
            .WithSummary("Approves the decision for one of your teams; the last approval closes the incident's unpublished messages with no public notification.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
