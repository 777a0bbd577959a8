using SecComms.Core.Disclosure;
using SecComms.Core.Identity;

namespace SecComms.Web.Disclosure;

/// <summary>What disclosure waits for: the links and gates of a communication.</summary>
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

        return api;
    }
}
