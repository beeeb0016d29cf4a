using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace TClass.Web.Tests;

/// <summary>
/// The published site in a real headless Chromium, through the data-testid hooks: the examples get
/// the levels tclass gives them, errors show with their line and column, the page switches to
/// Korean, the registry lists every model, and the first load stays within its budget.
/// </summary>
[Collection(BrowserCollection.Name)]
public class EndToEndTests(Browser browser)
{
    private async Task<IPage> Open(string path = "")
    {
        Assert.True(browser.Chromium is not null, "chromium is not installed (TCLASS_REQUIRE_BROWSER=1 asks for the browser tests).");
        var page = await browser.Chromium!.NewPageAsync();
        await page.GotoAsync(browser.Site!.Address + path);
        await page.WaitForSelectorAsync("[data-testid=level]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        return page;
    }

    private static string Example(string name) => File.ReadAllText(Path.Combine(Repository.Root, "docs", "examples", name));

    [BrowserFact]
    public async Task Every_example_pasted_gets_the_level_tclass_gives_it()
    {
        var page = await Open();
        foreach (var example in Directory.GetFiles(Path.Combine(Repository.Root, "docs", "examples")).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(example);
            var result = TClassifier.Create().Classify(TClass.Manifests.ManifestReader.Parse(text, Path.GetFileName(example)).Manifest!);
            var expected = result.Outcome is { } level ? level.Id + " — " : string.Join(" · ", result.Candidates.Select(c => c.Id));

            await page.FillAsync("[data-testid=card-input]", text);

            await Assertions.Expect(page.Locator("[data-testid=level]")).ToContainTextAsync(expected);
        }

        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task An_invalid_card_shows_its_errors_with_line_and_column()
    {
        var page = await Open();

        await page.FillAsync("[data-testid=card-input]", "tclass: 1\nmodel: { id: x/y }\nweights: { origin: scrach }\n");

        await Assertions.Expect(page.Locator("[data-testid=diagnostics]")).ToContainTextAsync("card:3:20: error: weights.origin:");
        await Assertions.Expect(page.Locator("[data-testid=diagnostics]")).ToContainTextAsync("scratch");
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task The_Korean_switch_turns_the_page_Korean()
    {
        var page = await Open();

        await page.ClickAsync("[data-testid=lang-ko]");

        await Assertions.Expect(page.Locator("[data-testid=level]")).ToContainTextAsync("네이티브 아키텍처");
        await Assertions.Expect(page.Locator("nav")).ToContainTextAsync("모델 등록부");
        await page.ClickAsync("[data-testid=lang-en]");
        await Assertions.Expect(page.Locator("[data-testid=level]")).ToContainTextAsync("Native Architecture");
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task A_result_downloads_as_the_file_tclass_writes()
    {
        var page = await Open();
        var card = Example("t2-continual-pretraining.yaml");
        var expected = TClass.Reports.JsonReport.Render(TClassifier.Create().Classify(TClass.Manifests.ManifestReader.Parse(card, "card").Manifest!), TClass.Text.Language.English);
        await page.FillAsync("[data-testid=card-input]", card);
        await Assertions.Expect(page.Locator("[data-testid=level]")).ToContainTextAsync("T2");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-json]"));

        Assert.Equal("tclass-result.json", download.SuggestedFilename);
        Assert.Equal(expected, await File.ReadAllTextAsync((await download.PathAsync())!));
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task The_registry_route_lists_every_model()
    {
        Assert.True(browser.Chromium is not null, "chromium is not installed (TCLASS_REQUIRE_BROWSER=1 asks for the browser tests).");
        var page = await browser.Chromium!.NewPageAsync();
        await page.GotoAsync(browser.Site!.Address + "registry");

        await Assertions.Expect(page.Locator("[data-testid=registry-row]")).ToHaveCountAsync(Directory.GetFiles(Path.Combine(Repository.Root, "docs", "registry", "cards"), "*.yaml").Length, new() { Timeout = 60_000 });
        await page.FillAsync("[data-testid=registry-filter]", "KR");
        Assert.True(await page.Locator("[data-testid=registry-row]").CountAsync() > 0);
        await page.CloseAsync();
    }

    [BrowserFact]
    public async Task The_site_works_from_a_sub_path()
    {
        Assert.True(browser.Chromium is not null, "chromium is not installed (TCLASS_REQUIRE_BROWSER=1 asks for the browser tests).");
        var page = await browser.Chromium!.NewPageAsync();
        await page.GotoAsync(browser.Site!.SubPath);

        await Assertions.Expect(page.Locator("[data-testid=level]")).ToContainTextAsync("T5", new() { Timeout = 60_000 });
        await page.ClickAsync("text=Registry");
        await Assertions.Expect(page).ToHaveURLAsync(browser.Site.SubPath + "registry");
        await page.CloseAsync();
    }

    /// <summary>
    /// The first load (compressed bytes transferred) is held to its budget of 10 MB; the time to a
    /// classified card and the time of one classification are measured and written to
    /// docs/web-budget.txt when TCLASS_UPDATE_DOCS=1 — times are reported, never asserted.
    /// </summary>
    [BrowserFact]
    public async Task The_first_load_stays_within_its_budget()
    {
        Assert.True(browser.Chromium is not null, "chromium is not installed (TCLASS_REQUIRE_BROWSER=1 asks for the browser tests).");
        await using var context = await browser.Chromium!.NewContextAsync();
        var page = await context.NewPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, response) => responses.Add(response);
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(browser.Site!.Address);
        await page.WaitForSelectorAsync("[data-testid=card-input]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var shown = clock.Elapsed;
        await page.WaitForSelectorAsync("[data-testid=timing]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var interactive = clock.Elapsed;
        var first = double.Parse((await page.GetAttributeAsync("[data-testid=timing]", "data-ms"))!, CultureInfo.InvariantCulture);
        long transferred = 0;
        foreach (var response in responses)
        {
            transferred += (await response.Request.SizesAsync()).ResponseBodySize;
        }

        await page.FillAsync("[data-testid=card-input]", Example("t2-continual-pretraining.yaml"));
        await Assertions.Expect(page.Locator("[data-testid=level]")).ToContainTextAsync("T2");
        var classification = double.Parse((await page.GetAttributeAsync("[data-testid=timing]", "data-ms"))!, CultureInfo.InvariantCulture);

        Assert.InRange(transferred, 1, 10L * 1000 * 1000);

        // The library goes without the data only tokenizer analysis reads (its trimming feature switch).
        var library = Directory.GetFiles(Path.Combine(browser.Site.Root, "_framework"), "TClass.*.wasm").Single(f => !Path.GetFileName(f).StartsWith("TClass.Web.", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(library);
        Assert.True(bytes.AsSpan().IndexOf("TClass.rules.tclass-2.0.yaml"u8) >= 0, "the built-in rulesets are in " + library);
        Assert.True(bytes.AsSpan().IndexOf("TClass.rules.tokenizers.references.bin"u8) < 0, "the tokenizer fingerprints are in " + library);
        if (Environment.GetEnvironmentVariable("TCLASS_UPDATE_DOCS") == "1")
        {
            WriteBudget(string.Create(CultureInfo.InvariantCulture,
                $"first load: {transferred / 1e6:0.00} MB transferred (Brotli) in {responses.Count} responses\npage shown (the card box on screen): {shown.TotalSeconds:0.00} s\ninteractive (the example card classified on screen): {interactive.TotalSeconds:0.00} s\nthe first classification (it loads the ruleset): {first:0} ms\none classification in the page: {classification:0.0} ms\n"));
        }
    }

    /// <summary>Rewrites the figures block at the end of docs/web.md.</summary>
    private static void WriteBudget(string figures)
    {
        var path = Path.Combine(Repository.Root, "docs", "web.md");
        var text = File.ReadAllText(path);
        var start = text.LastIndexOf("```\nfirst load:", StringComparison.Ordinal);
        File.WriteAllText(path, text[..(start + 4)] + figures + "```\n");
    }

    /// <summary>A screenshot of each page for docs/web/, taken when TCLASS_UPDATE_DOCS=1.</summary>
    [BrowserFact]
    public async Task Screenshots_of_every_page()
    {
        Assert.True(browser.Chromium is not null, "chromium is not installed (TCLASS_REQUIRE_BROWSER=1 asks for the browser tests).");
        var page = await browser.Chromium!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        foreach (var (route, file, ready) in new[]
        {
            ("", "classify.png", "[data-testid=level]"),
            ("diagnose", "diagnose.png", "[data-testid=level]"),
            ("rulesets", "rulesets.png", "[data-testid=ruleset-diff]"),
            ("registry", "registry.png", "[data-testid=registry-row]"),
        })
        {
            await page.GotoAsync(browser.Site!.Address + route);
            await page.WaitForSelectorAsync(ready, new PageWaitForSelectorOptions { Timeout = 60_000 });
            var shot = await page.ScreenshotAsync();
            Assert.True(shot.Length > 1000);
            if (Environment.GetEnvironmentVariable("TCLASS_UPDATE_DOCS") == "1")
            {
                Directory.CreateDirectory(Path.Combine(Repository.Root, "docs", "web"));
                await File.WriteAllBytesAsync(Path.Combine(Repository.Root, "docs", "web", file), shot);
            }
        }

        await page.CloseAsync();
    }
}
