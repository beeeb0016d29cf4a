using System.Diagnostics;
using System.Text;

namespace TClass.Tests;

/// <summary>
/// Debian's chromium, headless, as the tests that check what a browser shows use it: it loads a page,
/// runs its scripts and returns the DOM. It must be on PATH (CI installs it with the CJK fonts).
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The DOM of <paramref name="url"/> after its scripts ran; fails the test, saying how to install it, when chromium is missing.</summary>
    public static string DumpDom(string url, string purpose)
    {
        var browser = Find() ?? throw new Xunit.Sdk.XunitException(
            $"Chromium was not found on PATH (looked for 'chromium' and 'chromium-browser'); {purpose}. "
            + "Fix: install it with the fonts it needs: apt-get install -y chromium fonts-noto-cjk fonts-dejavu-core (CI installs them).");
        var profile = Directory.CreateTempSubdirectory("tclass-chromium-");
        try
        {
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var argument in new[]
            {
                "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
                "--user-data-dir=" + profile.FullName, "--dump-dom", url,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException(browser + " did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new Xunit.Sdk.XunitException($"{browser} did not finish within {Timeout.TotalSeconds}s");
            }

            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{browser} exited with {process.ExitCode}:\n{error.Result}");
            return output.Result;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return new[] { "chromium", "chromium-browser" }
            .SelectMany(name => path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(folder => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }
}
