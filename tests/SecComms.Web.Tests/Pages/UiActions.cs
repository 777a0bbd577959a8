using Microsoft.Playwright;

namespace SecComms.Web.Tests.Pages;

/// <summary>
/// Counts what people do in the browser. Each page a person opens, link they follow or form they send is one action;
/// what they type, tick or choose inside a form before sending it is counted apart, as fields.
/// </summary>
internal sealed class UiActions
{
    private readonly List<(string Person, string What)> _actions = [];
    private readonly List<(string Person, string What)> _fields = [];
    private int _navigations;

    public int Count => _actions.Count;

    public int People => _actions.Select(a => a.Person).Distinct().Count();

    public int Fields => _fields.Count;

    /// <summary>How many pages the browsers loaded, each counted action causing one: nothing navigated uncounted.</summary>
    public int Navigations => _navigations;

    /// <summary>Someone using <paramref name="page"/>, whose every page load is watched.</summary>
    public Person Of(string email, IPage page)
    {
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref _navigations);
            }
        };
        return new Person(this, email, page);
    }

    public override string ToString() =>
        string.Join("; ", _actions.Select((a, i) => $"{i + 1}. {a.Person}: {a.What}")) + $" (and {_fields.Count} fields filled in)";

    public sealed class Person(UiActions actions, string email, IPage page)
    {
        public async Task SignInAsync(string password)
        {
            await VisitAsync("/signin");
            await FillAsync(page.GetByLabel("Email"), email);
            await FillAsync(page.GetByLabel("Password"), password);
            await ClickAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
        }

        public async Task VisitAsync(string path)
        {
            actions._actions.Add((email, $"open {path}"));
            await page.GotoAsync(path);
        }

        public async Task ReloadAsync()
        {
            actions._actions.Add((email, $"reload {new Uri(page.Url).AbsolutePath}"));
            await page.ReloadAsync();
        }

        /// <summary>Follows a link or sends a form; either loads a page.</summary>
        public async Task ClickAsync(ILocator target)
        {
            actions._actions.Add((email, $"click {await NameAsync(target)}"));
            await target.ClickAsync();
            await page.WaitForLoadStateAsync();
        }

        public async Task FillAsync(ILocator field, string value)
        {
            actions._fields.Add((email, "type"));
            await field.FillAsync(value);
        }

        public async Task CheckAsync(ILocator field)
        {
            actions._fields.Add((email, "tick"));
            await field.CheckAsync();
        }

        public async Task SelectAsync(ILocator field, string value)
        {
            actions._fields.Add((email, "choose"));
            await field.SelectOptionAsync(value);
        }

        private static async Task<string> NameAsync(ILocator target) => $"\"{(await target.InnerTextAsync()).Trim()}\"";
    }
}
