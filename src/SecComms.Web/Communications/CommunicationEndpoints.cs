using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Web.Hosting;

namespace SecComms.Web.Communications;

public static class CommunicationEndpoints
{
    public sealed record ReviseRequest(string? Title, string? Body, string? EmailSubject, string? EmailBody, string? ShortText, string? Note, string? SupportFaq = null);

    public static RouteGroupBuilder MapCommunicationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/communications")
            .WithTags("Communications")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", async (Actor actor, CommunicationService service, string? status, string? category, bool? confidential,
                string? q, bool? mine, string? waitingOn, string? reference, string? cursor, int? limit, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(actor,
                    new CommunicationFilter(QueryEnum.Parse<CommunicationStatus>(status, "status"), category, confidential, q, mine ?? false, cursor, limit ?? 25,
                        ParseWaitingOn(waitingOn), reference), ct)))
            .WithName("ListCommunications")
            .WithSummary("Communications you may see, newest first; filter by status, category, confidential, q (title), mine, waitingOn=me (in review, next stage is your team), reference (SC-12); a page at a time (follow nextCursor).");

        group.MapPost("/", async Task<Created<CommunicationView>> (NewCommunication request, Actor actor, CommunicationService service,
                HttpContext http, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(actor, request, ct);
                SetETag(http, created.Revision.Number);
                return TypedResults.Created($"/api/v1/communications/{created.Id}", created);
            })
            .WithName("CreateCommunication")
            .WithSummary("Creates a communication from its category's template; supplied variants replace the template's.");

        group.MapGet("/{id:guid}", async (Guid id, Actor actor, CommunicationService service, HttpContext http, CancellationToken ct) =>
            {
                var view = await service.GetAsync(actor, id, ct);
                SetETag(http, view.Revision.Number);
                return TypedResults.Ok(view);
            })
            .WithName("GetCommunication")
            .WithSummary("A communication with its current revision; the ETag names that revision for If-Match.");

        group.MapPost("/{id:guid}/content", async (Guid id, ReviseRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
                Actor actor, CommunicationService service, HttpContext http, CancellationToken ct) =>
            {
                var expected = ParseIfMatch(ifMatch);
                var input = new ContentInput(request.Title, request.Body, request.EmailSubject, request.EmailBody, request.ShortText, request.SupportFaq);
                var view = await service.ReviseAsync(actor, id, expected, input, request.Note, ct);
                SetETag(http, view.Revision.Number);
                return TypedResults.Ok(view);
            })
            .WithName("ReviseCommunication")
            .WithSummary("Saves new text as a new immutable revision. Requires If-Match with the ETag you edited; omitted variants are kept.")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        group.MapGet("/{id:guid}/revisions", async (Guid id, Actor actor, CommunicationService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RevisionsAsync(actor, id, ct)))
            .WithName("ListRevisions").WithSummary("Every revision, newest first, with its content hash and author.");

        group.MapGet("/{id:guid}/revisions/{number:int}", async (Guid id, int number, Actor actor, CommunicationService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RevisionAsync(actor, id, number, ct)))
            .WithName("GetRevision").WithSummary("One revision's full text.");

        group.MapGet("/{id:guid}/revisions/{number:int}/diff", async (Guid id, int number, int? from, Actor actor, CommunicationService service,
                CancellationToken ct) => TypedResults.Ok(await service.DiffAsync(actor, id, number, from, ct)))
            .WithName("DiffRevisions").WithSummary("Line diff of every variant between revision {number} and ?from= (default: the one before).");

        api.MapWorkflowEndpoints();
        return api;
    }

    internal static string ETag(int revision) => $"\"rev-{revision.ToString(CultureInfo.InvariantCulture)}\"";

    private static void SetETag(HttpContext http, int revision) => http.Response.Headers.ETag = ETag(revision);

    /// <returns>The revision the edit was made on, or null for <c>If-Match: *</c> (overwrite whatever is current).</returns>
    private static int? ParseIfMatch(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            throw new PreconditionRequiredException("Send If-Match with the ETag of the revision you edited (from GET), so no one's edit is silently overwritten.");
        }
        var value = ifMatch.Trim();
        if (value == "*")
        {
            return null;
        }
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        value = value.Trim('"');
        return value.StartsWith("rev-", StringComparison.Ordinal)
            && int.TryParse(value[4..], NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision > 0
                ? revision
                : throw ValidationException.For("If-Match", $"If-Match {ifMatch} is not an ETag this API returned; expected one like \"rev-3\".");
    }

    private static bool ParseWaitingOn(string? waitingOn) =>
        waitingOn is null ? false
        : waitingOn == "me" ? true
        : throw ValidationException.For("waitingOn", $"waitingOn must be 'me', not '{waitingOn}'.");


}
