using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Identity;
using SecComms.Core.Incidents;

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

    public IReadOnlyList<IncidentSummary> Results { get; private set; } = [];

    public bool ShowAll => Show == "all";

    public bool CanWrite => actor.CanWrite;

    public bool Filtered => ShowAll || Severity is not null || Status is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Results = await incidents.ListAsync(actor, new IncidentFilter(Status, Severity, Search, ShowAll ? null : true), cancellationToken);
}
