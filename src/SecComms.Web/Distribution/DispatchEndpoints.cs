using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SecComms.Core.Distribution;
using SecComms.Core.Identity;
using SecComms.Web.Hosting;

namespace SecComms.Web.Distribution;

/// <summary>A communication's email audience, its test sends and dispatches, and the delivery report.</summary>
public static class DispatchEndpoints
{
    public static RouteGroupBuilder MapDispatchEndpoints(this RouteGroupBuilder api)
    {
        var communication = api.MapGroup("/communications/{id:guid}").WithTags("Distribution").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        communication.MapGet("/audience", async (Guid id, Actor actor, CommunicationAudiences audiences, CancellationToken ct) =>
                TypedResults.Ok(await audiences.GetAsync(actor, id, ct)))
            .WithName("GetCommunicationAudience")
            .WithSummary("Who the communication's email goes to when it is published, and how many that reaches now.");

        communication.MapPut("/audience", async (Guid id, AudienceChoice request, Actor actor, CommunicationAudiences audiences, CancellationToken ct) =>
                TypedResults.Ok(await audiences.SetAsync(actor, id, request, ct)))
            .WithName("SetCommunicationAudience")
            .WithSummary("Sets the email audience: a segment, or the linked incident's affected customers (mandatory), and whether recipients must " +
                "acknowledge receipt. An empty body clears it. An audience that reaches no one refuses publication.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        communication.MapGet("/dispatches", async (Guid id, Actor actor, Dispatches dispatches, CancellationToken ct) =>
                TypedResults.Ok(await dispatches.ListAsync(actor, id, ct)))
            .WithName("ListDispatches")
            .WithSummary("The communication's dispatches (publication and test sends), the newest first, with their progress.");

        communication.MapPost("/test-send", async Task<Created<DispatchView>> (Guid id, Actor actor, Dispatches dispatches, CancellationToken ct) =>
            {
                var dispatch = await dispatches.TestSendAsync(actor, id, ct);
                return TypedResults.Created($"/api/v1/dispatches/{dispatch.Id}", dispatch);
            })
            .WithName("TestSend")
            .WithSummary("Sends the current revision's email, marked [TEST] and personalized as its first recipient would get it, to the approvers and you.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var dispatch = api.MapGroup("/dispatches/{id:guid}").WithTags("Distribution").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        dispatch.MapGet("/", async (Guid id, Actor actor, Dispatches dispatches, CancellationToken ct) => TypedResults.Ok(await dispatches.GetAsync(actor, id, ct)))
            .WithName("GetDispatch")
            .WithSummary("A dispatch's counts (queued, deferred, sent, failed, acknowledged), progress and last error.");

        dispatch.MapGet("/organizations", async (Guid id, Actor actor, Dispatches dispatches, CancellationToken ct, bool unreached = false) =>
                TypedResults.Ok(await dispatches.OrganizationsAsync(actor, id, unreached, ct)))
            .WithName("GetDispatchOrganizations")
            .WithSummary("Per organization: contacts sent to, pending, failed and acknowledged; unreached=true lists only those none of whose contacts got it.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        dispatch.MapGet("/deliveries", async (Guid id, Actor actor, Dispatches dispatches, CancellationToken ct, string? status = null, int offset = 0, int limit = 100) =>
                TypedResults.Ok(await dispatches.DeliveriesAsync(actor, id, QueryEnum.Parse<DeliveryStatus>(status, "status"), offset, limit, ct)))
            .WithName("ListDeliveries")
            .WithSummary("The dispatch's recipients with their status, attempts and last error, filtered by status.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        dispatch.MapGet("/deliveries.csv", async (Guid id, HttpContext context, Actor actor, AudienceAccess access, Dispatches dispatches, CancellationToken ct) =>
            {
                access.RequireRead(actor);
                await dispatches.GetAsync(actor, id, ct);
                context.Response.ContentType = "text/csv; charset=utf-8";
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"dispatch-{id}.csv\"";
                await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false));
                await dispatches.WriteCsvAsync(actor, id, writer, ct);
            })
            .WithName("ExportDeliveries")
            .WithSummary("Every recipient of the dispatch and their outcome, as CSV.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return api;
    }
}
