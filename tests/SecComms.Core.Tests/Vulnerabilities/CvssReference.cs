namespace SecComms.Core.Tests.Vulnerabilities;

/// <summary>Reads a reference table of "vector score severity" lines shipped beside the tests.</summary>
internal static class CvssReference
{
    public static TheoryData<string, decimal, string> Load(string file)
    {
        var data = new TheoryData<string, decimal, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Vulnerabilities", file)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var parts = line.Split(' ');
            data.Add(parts[0], decimal.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]);
        }
        return data;
    }
}
