using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages.Communications;

/// <summary>Starts a communication from its category's template.</summary>
[WritersOnly]
public sealed class NewModel(CommunicationService communications, SecCommsPolicy policy, Actor actor) : PageModel
{
    public const string CategoryDefault = "";
    public const string ConfidentialChoice = "confidential";
    public const string NotConfidentialChoice = "not-confidential";

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string Confidentiality { get; set; } = CategoryDefault;

    [BindProperty]
    public string? Participants { get; set; }

    public IEnumerable<Category> Categories => policy.Categories.Values;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        bool? confidential = Confidentiality switch
        {
            ConfidentialChoice => true,
            NotConfidentialChoice => false,
            _ => null,
        };
        var participants = (Participants ?? "").Split([',', ';', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        try
        {
            var created = await communications.CreateAsync(actor,
                new NewCommunication(string.IsNullOrEmpty(Category) ? null : Category, Title, confidential, null, participants), cancellationToken);
            TempData[PageSupport.FlashKey] = $"{created.Reference} was created from the template. Edit it to write the text.";
            return RedirectToPage("/Communications/Details", new { id = created.Id });
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e, nameof(Category), nameof(Title), nameof(Participants));
        }
        catch (ForbiddenException e)
        {
            ModelState.AddRefusal(e);
        }
        return Page();
    }
}
