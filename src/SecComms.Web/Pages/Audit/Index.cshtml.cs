using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Audit;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using Microsoft.Extensions.Options;

namespace SecComms.Web.Pages.Audit;

/// <summary>
/// The audit trail, newest first, filtered by action, actor, entity and time, paged by sequence number; and the same
/// filter's events downloaded as JSON lines, in chain order.
/// </summary>
[AuditReadersOnly]
public sealed class IndexModel(AuditLog log, Actor actor, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true, Name = "actor")]
    public string? ActorName { get; set; }

    [BindProperty(SupportsGet = true, Name = "entity")]
    public string? Entity { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateTime? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "before")]
    public long? Before { get; set; }

    public AuditPage Results { get; private set; } = new([], null);

    public bool Filtered => !string.IsNullOrEmpty(ActionName) || !string.IsNullOrEmpty(ActorName) || !string.IsNullOrEmpty(Entity) || From is not null || To is not null;

    private AuditFilter Filter => new(Blank(Entity), Blank(ActionName), Blank(ActorName), AuditDisplay.Utc(From), AuditDisplay.Utc(To));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return;
        }
        try
        {
            Results = await log.ListAsync(actor, Filter, new AuditCursor(NewestFirst: true, Before, PageSize), cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, "action", "actor", "entity", "from", "to", "before");
        }
    }

    /// <summary>Streams every event the filter matches as one JSON object a line, written as the API writes it.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        IAsyncEnumerable<AuditEventView>? events = null;
        try
        {
            events = ModelState.IsValid ? log.Export(actor, Filter) : null;
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, "action", "actor", "entity", "from", "to");
        }
        if (events is null)
        {
            var refused = Page();
            refused.StatusCode = StatusCodes.Status400BadRequest;
            return refused;
        }
        Response.ContentType = "application/x-ndjson; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"seccomms-audit.jsonl\"";
        Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false));
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(JsonSerializer.Serialize(e, json.Value.SerializerOptions));
            await writer.WriteAsync('\n');
        }
        return new EmptyResult();
    }

    /// <summary>The filter, for links that keep it: paging to <paramref name="before"/>, or the export.</summary>
    public Dictionary<string, string> Query(long? before = null)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query[key] = value;
            }
        }
        Add("action", ActionName);
        Add("actor", ActorName);
        Add("entity", Entity);
        Add("from", AuditDisplay.Local(From));
        Add("to", AuditDisplay.Local(To));
        Add("before", before?.ToString(CultureInfo.InvariantCulture));
        return query;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
