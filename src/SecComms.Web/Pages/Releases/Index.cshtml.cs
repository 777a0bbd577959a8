using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Paging;
using SecComms.Core.Policy;
using SecComms.Core.Releases;
using SecComms.Core.Releases.Calendar;

namespace SecComms.Web.Pages.Releases;

/// <summary>The release planner: every security release with what it fixes and what it generated, and the form that plans one.</summary>
public sealed class IndexModel(SecurityReleases releases, ReleaseCalendar calendar, SecCommsPolicy policy, Actor actor) : PageModel
{
    private static readonly char[] VersionSeparators = [',', ';', ' ', '\t', '\r', '\n'];

    [BindProperty]
    public ReleaseKind? Kind { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Product { get; set; }

    /// <summary>The versions it ships, separated by commas or spaces.</summary>
    [BindProperty]
    public string? Versions { get; set; }

    /// <summary>The day it is planned to ship, as UTC.</summary>
    [BindProperty]
    public DateOnly? PlannedFor { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public Page<SecurityReleaseView> Releases { get; private set; } = new([], null);

    public IReadOnlyDictionary<Guid, ReleaseCounts> Counts { get; private set; } = new Dictionary<Guid, ReleaseCounts>();

    public bool CanPlan => ReleaseDisplay.MayManage(policy, actor);

    /// <summary>The next few dates of the release calendar, which planned security releases follow.</summary>
    public IReadOnlyList<ReleaseCalendarEntry> Upcoming => calendar.Next(UpcomingCount).Entries;

    private const int UpcomingCount = 4;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var versions = (Versions ?? "").Split(VersionSeparators, StringSplitOptions.RemoveEmptyEntries);
                var planned = PlannedFor is { } day ? new DateTimeOffset(day, TimeOnly.MinValue, TimeSpan.Zero) : (DateTimeOffset?)null;
                var release = await releases.CreateAsync(actor, new NewSecurityRelease(Title, Kind, planned, Product, versions), cancellationToken);
                TempData[PageSupport.FlashKey] = $"{release.Reference} is planned. Choose the vulnerabilities it fixes, then prepare it."
                    + (release.CalendarWarning is { } warning ? $" Note: {warning}" : "");
                return RedirectToPage("/Releases/Details", new { id = release.Id });
            }
            catch (ValidationException e)
            {
                foreach (var (key, messages) in e.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(key.StartsWith("versions", StringComparison.Ordinal) ? nameof(Versions) : FieldOf(key), PlainWords.For(key, message));
                    }
                }
            }
            catch (ForbiddenException e)
            {
                ModelState.AddRefusal(e);
            }
        }
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The list's place, for the links to the other pages.</summary>
    public IDictionary<string, string> Query(string? cursor) => PageSupport.Query(("cursor", cursor));

    private static string FieldOf(string key) => key switch
    {
        "kind" => nameof(Kind),
        "title" => nameof(Title),
        "product" => nameof(Product),
        _ => "",
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Releases = await releases.ListAsync(new ReleaseFilter(Cursor: Cursor), cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
        }
        Counts = await releases.CountsAsync(actor, [.. Releases.Items.Select(r => r.Id)], cancellationToken);
    }
}
