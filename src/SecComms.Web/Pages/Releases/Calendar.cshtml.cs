using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Releases;
using SecComms.Core.Releases.Calendar;

namespace SecComms.Web.Pages.Releases;

/// <summary>
/// The next scheduled releases with the security releases planned on each, and those planned off the calendar, for
/// planning security releases around them; and the feed to subscribe to.
/// </summary>
public sealed class CalendarModel(ReleaseCalendar calendar, SecurityReleases releases) : PageModel
{
    public ReleaseCalendarView Calendar { get; private set; } = new("", "", "", "", []);

    public IReadOnlyList<PlannedDay> Days { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Calendar = calendar.Next(ReleaseCalendar.DefaultCount);
        Days = await releases.PlannedCalendarAsync(ReleaseCalendar.DefaultCount, cancellationToken);
    }

    public static string KindName(CalendarEntryKind kind) => kind == CalendarEntryKind.Regular ? "Regular release" : "Security release";
}
