using Microsoft.AspNetCore.Http.HttpResults;
using SecComms.Core.Disclosure;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;

namespace SecComms.Web.Disclosure;

/// <summary>What disclosure waits for: incidents, and the links and gates of a communication.</summary>
public static class DisclosureEndpoints
{
    public static RouteGroupBuilder MapDisclosureEndpoints(this RouteGroupBuilder api)
    {
        var links = api.MapGroup("/communications/{id:guid}/links")
            .WithTags("Disclosure")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        links.MapGet("/", async (Guid id, Actor actor, DisclosureService disclosure, CancellationToken ct) =>
                TypedResults.Ok(await disclosure.GetAsync(actor, id, ct)))
            .WithName("GetDisclosure")
            .WithSummary("The release, incident and embargo the communication is linked to, and each disclosure gate with what it waits for.");

        links.MapPut("/", async (Guid id, LinksRequest request, Actor actor, DisclosureService disclosure, CancellationToken ct) =>
                TypedResults.Ok(await disclosure.SetLinksAsync(actor, id, request, ct)))
            .WithName("SetDisclosureLinks")
            .WithSummary("Replaces the links: releaseId (adds fix-released), incidentId (adds incident-contained), embargoUntil (adds embargo-passed); null clears.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var incidents = api.MapGroup("/incidents")
            .WithTags("Incidents")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        incidents.MapGet("/", async (Actor actor, Incidents service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(actor, ct)))
            .WithName("ListIncidents")
            .WithSummary("Incidents, the most recent first; only the security team sees any.");

        incidents.MapPost("/", async Task<Created<IncidentView>> (NewIncident request, Actor actor, Incidents service, CancellationToken ct) =>
            {
                var incident = await service.CreateAsync(actor, request, ct);
                return TypedResults.Created($"/api/v1/incidents/{incident.Id}", incident);
            })
            .WithName("CreateIncident")
            .WithSummary("Records an incident (security team); it is confidential to the security team.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        incidents.MapGet("/{id:guid}", async (Guid id, Actor actor, Incidents service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(actor, id, ct)))
            .WithName("GetIncident")
            .WithSummary("One incident (security team).");

        incidents.MapPost("/{id:guid}/contain", async (Guid id, ContainmentRequest request, Actor actor, Incidents service, CancellationToken ct) =>
                TypedResults.Ok(await service.ContainAsync(actor, id, request, ct)))
            .WithName("ContainIncident")
            .WithSummary("Records when the incident was contained (now when at is omitted), which opens the incident-contained gate of its communications.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        return api;
    }
}
