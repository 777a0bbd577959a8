namespace SecComms.Bench.ScaleSeeder;

/// <summary>
/// How much a scale seeds; 1 is a large company's ten years: 100,000 communications, 500,000 contacts in 25,000
/// organizations, and, from the communications' time slots, 10,000 incidents and 5,000 releases of 4 vulnerabilities each.
/// </summary>
internal sealed record ScaleCounts(int Communications, int Contacts, int VulnerabilitiesPerRelease)
{
    public static ScaleCounts Of(double scale) => new((int)Math.Round(100_000 * scale), (int)Math.Round(500_000 * scale), 4);
}
