using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Incidents.Clocks;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages;

/// <summary>The communications the signed-in person may see, newest first, with filters.</summary>
public sealed class IndexModel(CommunicationService communications, IncidentClocks clocks, SecCommsPolicy policy, TimeProvider time, Actor actor) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "status")]
    public CommunicationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "category")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "confidential")]
    public bool? Confidential { get; set; }

    [BindProperty(SupportsGet = true, Name = "mine")]
    public bool Mine { get; set; }

    /// <summary><c>me</c>: only communications in review whose open stage is one of the signed-in person's teams.</summary>
    [BindProperty(SupportsGet = true, Name = "waitingOn")]
    public string? WaitingOn { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public CommunicationPage Results { get; private set; } = new([], null);

    /// <summary>How many of the soonest open clocks the dashboard lists; each incident's page lists all of its own.</summary>
    public const int ClocksShown = 10;

    /// <summary>Every open clock of every incident, the soonest due first; empty outside the security team, who do not see the widget.</summary>
    public IReadOnlyList<RunningClockView> RunningClocks { get; private set; } = [];

    public bool ShowsClocks => actor.IsInTeam(Actor.SecurityTeam);

    public DateTimeOffset Now { get; private set; }

    public IEnumerable<Category> Categories => policy.Categories.Values;

    public bool CanWrite => actor.CanWrite;

    public bool WaitingOnMe => WaitingOn == "me";

    public bool Filtered => Status is not null || !string.IsNullOrEmpty(Category) || !string.IsNullOrWhiteSpace(Search) || Confidential is not null || Mine;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var filter = new CommunicationFilter(Status, string.IsNullOrEmpty(Category) ? null : Category, Confidential, Search, Mine, Cursor,
            WaitingOnMe: WaitingOnMe);
        try
        {
            if (WaitingOn is not null && !WaitingOnMe)
            {
                throw ValidationException.For("waitingOn", $"waitingOn must be 'me', not '{WaitingOn}'.");
            }
            Results = await communications.ListAsync(actor, filter, cancellationToken);
            RunningClocks = await clocks.RunningAsync(actor, cancellationToken);
            Now = time.GetUtcNow();
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
        }
    }

    public string CategoryName(string key) => policy.FindCategory(key)?.Name ?? key;

    /// <summary>The current filter, for links that keep it (pagination).</summary>
    public Dictionary<string, string> Query(string? cursor)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query[key] = value;
            }
        }
        Add("status", Status?.ToString());
        Add("category", Category);
        Add("q", Search);
        Add("confidential", Confidential?.ToString().ToLowerInvariant());
        Add("mine", Mine ? "true" : null);
        Add("waitingOn", WaitingOnMe ? "me" : null);
        Add("cursor", cursor);
        return query;
    }
}
