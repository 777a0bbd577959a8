using Microsoft.AspNetCore.Http.HttpResults;
using SecComms.Core.Distribution;
using SecComms.Core.Identity;

namespace SecComms.Web.Distribution;

/// <summary>Outbound webhooks told about publications, and what was sent to each.</summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Distribution").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        webhooks.MapGet("/", async (Actor actor, Webhooks service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(actor, ct)))
            .WithName("ListWebhooks")
            .WithSummary("The webhooks with their owners and delivery counts (security team and administrators).");

        webhooks.MapPost("/", async Task<Created<WebhookView>> (WebhookInput request, Actor actor, Webhooks service, CancellationToken ct) =>
            {
                var webhook = await service.CreateAsync(actor, request, ct);
                return TypedResults.Created($"/api/v1/webhooks/{webhook.Id}", webhook);
            })
            .WithName("CreateWebhook")
            .WithSummary("Adds a webhook (json or slack format, for some or all public categories), owned by the caller; the address must be public unless Webhooks:AllowedInternalHosts allows it. The answer carries its signing secret, shown only now.");

        webhooks.MapPut("/{id:guid}", async (Guid id, WebhookInput request, Actor actor, Webhooks service, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(actor, id, request, ct)))
            .WithName("UpdateWebhook")
            .WithSummary("Changes a webhook's name, address, format, categories or whether it is active; the caller becomes its owner and its secret stays.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapDelete("/{id:guid}", async (Guid id, Actor actor, Webhooks service, CancellationToken ct) =>
            {
                await service.DeleteAsync(actor, id, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteWebhook")
            .WithSummary("Deletes a webhook and its delivery records.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapGet("/{id:guid}/deliveries", async (Guid id, Actor actor, Webhooks service, CancellationToken ct) =>
                TypedResults.Ok(await service.DeliveriesAsync(actor, id, ct)))
            .WithName("ListWebhookDeliveries")
            .WithSummary("The webhook's latest 200 events: status, attempts and the class of the last failure, never the receiver's answer.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
