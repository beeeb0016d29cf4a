using Microsoft.Playwright;

namespace TClass.Web.Tests;

/// <summary>
/// Debian's chromium, headless, driven by Playwright — no browser is downloaded. Where chromium is not
/// installed the browser tests are skipped, saying how to run them; <c>.ci/run</c> sets
/// <c>TCLASS_REQUIRE_BROWSER=1</c>, which makes them fail instead.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    /// <summary>Where chromium is: on PATH as chromium or chromium-browser, or null.</summary>
    public static string? Executable { get; } = new[] { "chromium", "chromium-browser" }
        .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(folder => Path.Combine(folder, name)))
        .FirstOrDefault(File.Exists);

    private IPlaywright? _playwright;

    public IBrowser? Chromium { get; private set; }

    public PublishedSite? Site { get; private set; }

    public async Task InitializeAsync()
    {
        if (Executable is null)
        {
            return;
        }

        Site = new PublishedSite();
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Executable, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
        Site?.Dispose();
    }
}

/// <summary>A test that needs the browser: skipped without chromium unless TCLASS_REQUIRE_BROWSER=1.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Browser.Executable is null && Environment.GetEnvironmentVariable("TCLASS_REQUIRE_BROWSER") != "1")
        {
            Skip = "chromium is not installed: install Debian's chromium (apt-get install chromium) to run the browser tests; .ci/run does.";
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}
