using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Distribution;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.DeliveryReport;

/// <summary>
/// A dispatch's delivery report: its counts and progress, refreshed while it sends, and for those who may see customer
/// contacts, how each organization fared, the unreached first.
/// </summary>
public sealed class DispatchModel(Core.Distribution.Dispatches dispatches, AudienceAccess access, Actor actor) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "unreached")]
    public bool UnreachedOnly { get; set; }

    public DispatchView? Dispatch { get; private set; }

    /// <summary>How each organization fared in a publication; null for a test send and for those who may not see customer contacts.</summary>
    public OrganizationReport? Organizations { get; private set; }

    /// <summary>Who a test send went to; empty for a publication.</summary>
    public IReadOnlyList<TestRecipient> TestRecipients { get; private set; } = [];

    public bool CanReadAudiences => access.CanRead(actor);

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Dispatch = await dispatches.GetAsync(actor, id, cancellationToken);
            if (Dispatch.Kind == DispatchKind.Test)
            {
                TestRecipients = await dispatches.TestRecipientsAsync(actor, id, cancellationToken);
            }
            else if (CanReadAudiences)
            {
                Organizations = await dispatches.OrganizationsAsync(actor, id, UnreachedOnly, cancellationToken);
            }
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        return Page();
    }

    /// <summary>The counts and progress the page's script polls for while the dispatch sends.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var d = await dispatches.GetAsync(actor, id, cancellationToken);
            Response.Headers.CacheControl = "no-store";
            return new JsonResult(new
            {
                complete = IsComplete(d),
                percent = Percent(d),
                counts = new { queued = d.Counts.Queued, deferred = d.Counts.Deferred, sent = d.Counts.Sent, failed = d.Counts.Failed, acknowledged = d.Counts.Acknowledged },
                state = StateText(d),
                lastError = d.LastError,
            });
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>Every recipient and their outcome as CSV, streamed.</summary>
    public async Task<IActionResult> OnGetCsvAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!CanReadAudiences)
        {
            return PageSupport.NotAllowedPage(HttpContext, "The recipients of a dispatch are customers' personal data: only administrators and the teams that manage audiences see them.");
        }
        try
        {
            await dispatches.GetAsync(actor, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"dispatch-{id}.csv\"";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false));
        await dispatches.WriteCsvAsync(actor, id, writer, cancellationToken);
        return new EmptyResult();
    }

    public static bool IsComplete(DispatchView d) => d.CompletedAt is not null || d.Counts.Queued + d.Counts.Deferred == 0;

    public static int Percent(DispatchView d) => (int)Math.Floor(d.Progress * 100);

    /// <summary>Where the dispatch stands, in words.</summary>
    public static string StateText(DispatchView d) =>
        IsComplete(d)
            ? $"Complete{(d.CompletedAt is { } at ? " at " + PageSupport.Utc(at) : "")}: every recipient has an outcome."
            : $"Sending: {d.Counts.Queued + d.Counts.Deferred} of {d.Counts.Total} recipients still to go"
              + (d.NextAttemptAt is { } next ? $", next attempt {PageSupport.Utc(next)}." : ".");

    public static string KindName(DispatchKind kind) => kind == DispatchKind.Test ? "Test send" : "Publication";

    public static string DeliveryStatusName(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Queued => "Queued",
        DeliveryStatus.Deferred => "Deferred, to be tried again",
        DeliveryStatus.Sent => "Sent",
        _ => "Failed",
    };

    public static string Count(int count, string one, string many) => $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";
}
