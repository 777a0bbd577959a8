namespace SecComms.Core;

/// <summary>How every list in generated prose reads: "a", "a and b", "a, b, and c", with the serial comma.</summary>
public static class EnglishList
{
    public static string Join(IReadOnlyList<string> items, string conjunction = "and") => items.Count switch
    {
        0 => "",
        1 => items[0],
        2 => $"{items[0]} {conjunction} {items[1]}",
        _ => string.Join(", ", items.Take(items.Count - 1)) + $", {conjunction} " + items[^1],
    };
}
