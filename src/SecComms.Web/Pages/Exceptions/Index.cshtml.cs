using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Errors;
using SecComms.Core.Exceptions;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Exceptions;

/// <summary>The policy exception register as the signed-in person may see it, newest first, with filters.</summary>
public sealed class IndexModel(ExceptionRegister register, Actor actor) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "status")]
    public ExceptionStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "risk")]
    public RiskRating? Risk { get; set; }

    [BindProperty(SupportsGet = true, Name = "expiringWithinDays")]
    public int? ExpiringWithinDays { get; set; }

    [BindProperty(SupportsGet = true, Name = "mine")]
    public bool Mine { get; set; }

    /// <summary>Only the exceptions for this communication, when the list is opened from one.</summary>
    [BindProperty(SupportsGet = true, Name = "communication")]
    public Guid? Communication { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public ExceptionPage Results { get; private set; } = new([], null);

    public bool CanRequest => actor.CanWrite;

    public bool Filtered => Status is not null || Risk is not null || ExpiringWithinDays is not null || Mine || Communication is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Results = await register.ListAsync(actor,
                new ExceptionFilter(Status, Communication, Mine, Risk, ExpiringWithinDays, Cursor), cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
        }
    }

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
        Add("risk", Risk?.ToString());
        Add("expiringWithinDays", ExpiringWithinDays?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("mine", Mine ? "true" : null);
        Add("communication", Communication?.ToString());
        Add("cursor", cursor);
        return query;
    }
}
