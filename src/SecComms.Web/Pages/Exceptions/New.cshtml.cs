using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Exceptions;
using SecComms.Core.Identity;
using SecComms.Core.Paging;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages.Exceptions;

/// <summary>
/// Requests a policy exception. Opened from a communication as <c>?communication=&lt;id&gt;&amp;gates=fix-released</c>, the
/// form starts with that communication and those gates chosen.
/// </summary>
[WritersOnly]
public sealed class NewModel(ExceptionRegister register, CommunicationService communications, SecCommsPolicy policy, Actor actor) : PageModel
{
    private const int CommunicationChoices = NumberCursor.MaxLimit;

    [BindProperty(SupportsGet = true, Name = "communication")]
    public Guid? CommunicationId { get; set; }

    /// <summary>Gate keys, as repeated values or separated by commas.</summary>
    [BindProperty(SupportsGet = true, Name = "gates")]
    public List<string> Gates { get; set; } = [];

    [BindProperty]
    public string? Rule { get; set; }

    [BindProperty]
    public string? Justification { get; set; }

    [BindProperty]
    public string? AlternativesConsidered { get; set; }

    [BindProperty]
    public string? CompensatingControls { get; set; }

    [BindProperty]
    public string? Risk { get; set; }

    [BindProperty]
    public int? PeriodDays { get; set; }

    /// <summary>The communications the person may choose from: the newest they can see, and the one the form was opened from.</summary>
    public IReadOnlyList<CommunicationSummary> Communications { get; private set; } = [];

    public int MaxPeriodDays => policy.Exceptions.MaxPeriodDays;

    public IReadOnlyList<string> ChosenGates => [.. Gates.SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct()];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Rule) && ChosenGates.Count > 0)
        {
            Rule = $"Publication before the disclosure gate passes: {string.Join(", ", ChosenGates)}";
        }
        await LoadChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await register.RequestAsync(actor, new ExceptionRequest(Rule, CommunicationId, ChosenGates, Justification, AlternativesConsidered,
                CompensatingControls, string.IsNullOrEmpty(Risk) ? null : Risk, PeriodDays), cancellationToken);
            TempData[PageSupport.FlashKey] = $"{created.Reference} was requested. The exception approvers have been told; it is not in force until one approves it.";
            return RedirectToPage("/Exceptions/Details", new { id = created.Id });
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, nameof(Rule), nameof(Gates), nameof(Justification), nameof(AlternativesConsidered), nameof(CompensatingControls),
                nameof(Risk), nameof(PeriodDays));
        }
        catch (NotFoundException e)
        {
            ModelState.AddRefusal(e);
            CommunicationId = null;
        }
        catch (ForbiddenException e)
        {
            ModelState.AddRefusal(e);
        }
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        var newest = (await communications.ListAsync(actor, new CommunicationFilter(Limit: CommunicationChoices), cancellationToken)).Items.ToList();
        if (CommunicationId is { } id && newest.All(c => c.Id != id))
        {
            try
            {
                var chosen = await communications.GetAsync(actor, id, cancellationToken);
                newest.Insert(0, new CommunicationSummary(chosen.Id, chosen.Reference, chosen.Category, chosen.Title, chosen.Status, chosen.Confidential,
                    chosen.Revision.Number, chosen.CreatedAt, chosen.UpdatedAt));
            }
            catch (NotFoundException e)
            {
                ModelState.AddRefusal(e);
                CommunicationId = null;
            }
        }
        Communications = newest;
    }
}
