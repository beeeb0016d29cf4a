using System.Collections.Frozen;

namespace TClass.Exports;

/// <summary>
/// The license identifiers Hugging Face model cards use that are SPDX license ids, with their SPDX
/// spelling (<c>apache-2.0</c> → <c>Apache-2.0</c>). Any other value of a card's <c>license</c>
/// (<c>llama3</c>, <c>gemma</c>, <c>openrail</c>) is a license of its own: <c>LicenseRef-…</c> in SPDX,
/// a license name in CycloneDX; <c>other</c> and <c>unknown</c> say nothing.
/// </summary>
internal static class Licenses
{
    private static readonly FrozenDictionary<string, string> SpdxIds = new[]
    {
        "Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "BSD-3-Clause-Clear", "CC0-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-3.0",
        "CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC-BY-NC-2.0", "CC-BY-NC-3.0", "CC-BY-NC-4.0", "CC-BY-ND-4.0", "CC-BY-NC-ND-3.0",
        "CC-BY-NC-ND-4.0", "CC-BY-NC-SA-2.0", "CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0", "GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0",
        "AGPL-3.0", "MPL-2.0", "EPL-1.0", "EPL-2.0", "AFL-3.0", "Artistic-2.0", "BSL-1.0", "ISC", "Unlicense", "WTFPL",
        "Zlib", "ECL-2.0", "OSL-3.0", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0", "OFL-1.1", "NCSA", "LPPL-1.3c", "EUPL-1.1", "EUPL-1.2",
        "PostgreSQL",
    }.ToFrozenDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The SPDX id of a card's license, or null when it is not one.</summary>
    public static string? SpdxId(string license) => SpdxIds.GetValueOrDefault(license);

    /// <summary>Whether the card's license says nothing (<c>other</c>, <c>unknown</c>).</summary>
    public static bool SaysNothing(string license) => license is "other" or "unknown" || license.Trim().Length == 0;

    /// <summary>An SPDX license expression for the card's license: its SPDX id, or <c>LicenseRef-</c> and the value made an idstring.</summary>
    public static string Expression(string license) =>
        SpdxId(license) ?? "LicenseRef-" + new string([.. license.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-')]);
}
