using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Releases.Calendar;

namespace SecComms.Web.Pages.Releases;

/// <summary>The next scheduled releases, for planning security releases around them, and the feed to subscribe to.</summary>
public sealed class CalendarModel(ReleaseCalendar calendar) : PageModel
{
    public ReleaseCalendarView Calendar { get; private set; } = new("", "", "", "", []);

    public void OnGet() => Calendar = calendar.Next(ReleaseCalendar.DefaultCount);

    public static string KindName(CalendarEntryKind kind) => kind == CalendarEntryKind.Regular ? "Regular release" : "Security release";
}
