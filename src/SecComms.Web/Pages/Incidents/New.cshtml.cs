using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Incidents;

/// <summary>Opens an incident: its clocks start and its engagement rules apply from the moment the company became aware.</summary>
[SecurityTeamOnly]
[WritersOnly]
public sealed class NewModel(Core.Incidents.Incidents incidents, Actor actor) : PageModel
{
    [BindProperty]
    public IncidentForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        try
        {
            var opened = await incidents.CreateAsync(actor, Form.ToNew(), cancellationToken);
            TempData[PageSupport.FlashKey] = $"{opened.Reference} was opened. Its clocks are running.";
            return RedirectToPage("/Incidents/Details", new { id = opened.Id });
        }
        catch (ValidationException e)
        {
            foreach (var (key, messages) in e.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(IncidentForm.FieldKey(key), PlainWords.For(key, message));
                }
            }
        }
        catch (ForbiddenException e)
        {
            ModelState.AddRefusal(e);
        }
        return Page();
    }
}
