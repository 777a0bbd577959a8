using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;
using SecComms.Core.Paging;

namespace SecComms.Web.Pages.Incidents;

/// <summary>Incidents, the most recent first, with filters; open ones by default.</summary>
[SecurityTeamOnly]
public sealed class IndexModel(Core.Incidents.Incidents incidents, Actor actor) : PageModel
{
    /// <summary><c>open</c> (the default) for incidents not yet resolved, <c>all</c> for every one.</summary>
    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true, Name = "severity")]
    public IncidentSeverity? Severity { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public IncidentStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public Page<IncidentSummary> Results { get; private set; } = new([], null);

    public bool ShowAll => Show == "all";

    public bool CanWrite => actor.CanWrite;

    public bool Filtered => ShowAll || Severity is not null || Status is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Results = await incidents.ListAsync(actor, new IncidentFilter(Status, Severity, Search, ShowAll ? null : true, Cursor: Cursor), cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
        }
    }

    /// <summary>The current filter, for links that keep it (pagination).</summary>
    public IDictionary<string, string> Query(string? cursor) =>
        PageSupport.Query(("show", Show), ("severity", Severity?.ToString()), ("status", Status?.ToString()), ("q", Search), ("cursor", cursor));
}
