using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using SecComms.Core.Distribution;
using SecComms.Core.Identity;

namespace SecComms.Web.Distribution;

/// <summary>Organizations, contacts (with CSV import and export) and segments: who notices can go to.</summary>
public static class AudienceEndpoints
{
    public static RouteGroupBuilder MapAudienceEndpoints(this RouteGroupBuilder api)
    {
        var organizations = api.MapGroup("/organizations").WithTags("Audiences").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        organizations.MapGet("/", async (Actor actor, Organizations service, CancellationToken ct, string? search = null, int offset = 0, int limit = 100) =>
                TypedResults.Ok(await service.ListAsync(actor, search, offset, limit, ct)))
            .WithName("ListOrganizations")
            .WithSummary("Customer organizations by name, with their targeting attributes and number of contacts.");

        organizations.MapPost("/", async Task<Created<OrganizationView>> (OrganizationInput request, Actor actor, Organizations service, CancellationToken ct) =>
            {
                var organization = await service.CreateAsync(actor, request, ct);
                return TypedResults.Created($"/api/v1/organizations/{organization.Id}", organization);
            })
            .WithName("CreateOrganization")
            .WithSummary("Adds a customer organization: name, tier, deployment (self-managed or saas), product version and region.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        organizations.MapPut("/{id:guid}", async (Guid id, OrganizationInput request, Actor actor, Organizations service, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(actor, id, request, ct)))
            .WithName("UpdateOrganization")
            .WithSummary("Replaces an organization's name and attributes.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var contacts = api.MapGroup("/contacts").WithTags("Audiences").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        contacts.MapGet("/", async (Actor actor, Organizations service, CancellationToken ct, string? search = null, Guid? organization = null,
                int offset = 0, int limit = 100) => TypedResults.Ok(await service.ContactsAsync(actor, search, organization, offset, limit, ct)))
            .WithName("ListContacts")
            .WithSummary("Contacts by address, searched by address, name or organization.");

        contacts.MapPost("/", async (ContactInput request, Actor actor, Organizations service, CancellationToken ct) =>
                TypedResults.Ok(await service.SaveContactAsync(actor, request, ct)))
            .WithName("SaveContact")
            .WithSummary("Adds a contact, or updates the one with the same address. A contact who unsubscribed stays unsubscribed.");

        contacts.MapPost("/import", async (HttpRequest request, Actor actor, ContactImport import, CancellationToken ct) =>
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                return TypedResults.Ok(await import.ImportAsync(actor, reader, ct));
            })
            .WithName("ImportContacts")
            .WithSummary("Imports contacts from the CSV request body (text/csv; columns email,name,organization,role,tier,deployment,product_version,region,subscribed). " +
                "Bad rows are skipped and reported with their line numbers; importing again changes nothing. Files of any length stream.")
            .Accepts<string>("text/csv", "text/plain", "application/octet-stream");

        contacts.MapGet("/export", async (HttpContext context, Actor actor, AudienceAccess access, ContactExport export, CancellationToken ct) =>
            {
                access.RequireRead(actor);
                context.Response.ContentType = "text/csv; charset=utf-8";
                context.Response.Headers.ContentDisposition = "attachment; filename=\"contacts.csv\"";
                await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false));
                await export.WriteAsync(actor, writer, ct);
            })
            .WithName("ExportContacts")
            .WithSummary("Every contact as CSV, in the columns the import reads.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");

        var segments = api.MapGroup("/audiences").WithTags("Audiences").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        segments.MapGet("/", async (Actor actor, Segments service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(actor, ct)))
            .WithName("ListSegments")
            .WithSummary("The segments, each with how many contacts it reaches now.");

        segments.MapPost("/", async Task<Created<SegmentView>> (SegmentInput request, Actor actor, Segments service, CancellationToken ct) =>
            {
                var segment = await service.CreateAsync(actor, request, ct);
                return TypedResults.Created($"/api/v1/audiences/{segment.Key}", segment);
            })
            .WithName("CreateSegment")
            .WithSummary("Defines a segment by filters (tiers, deployments, regions, product versions or minor lines, roles, organizations); " +
                "mandatory segments reach every matching contact, the others only subscribers.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        segments.MapGet("/{key}", async (string key, Actor actor, Segments service, CancellationToken ct) => TypedResults.Ok(await service.GetAsync(actor, key, ct)))
            .WithName("GetSegment")
            .WithSummary("One segment.");

        segments.MapPut("/{key}", async (string key, SegmentInput request, Actor actor, Segments service, CancellationToken ct) =>
                TypedResults.Ok(await service.UpdateAsync(actor, key, request, ct)))
            .WithName("UpdateSegment")
            .WithSummary("Replaces a segment's name and filters; its key stays.");

        segments.MapDelete("/{key}", async (string key, Actor actor, Segments service, CancellationToken ct) =>
            {
                await service.DeleteAsync(actor, key, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteSegment")
            .WithSummary("Deletes a segment that no communication names as its audience.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        segments.MapGet("/{key}/preview", async (string key, Actor actor, Segments service, CancellationToken ct) =>
                TypedResults.Ok(await service.PreviewAsync(actor, key, ct)))
            .WithName("PreviewSegment")
            .WithSummary("Who the segment reaches now: contacts, organizations and the first few contacts.");

        return api;
    }
}
