using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TClass.Web;
using TClass.Manifests;
using TClass.Reports;
using TClass.Text;
using TClass.Web.Pages;

namespace TClass.Web.Tests;

/// <summary>The pages as components (bUnit): the same library, the same rules, the same answer as tclass.</summary>
public class ComponentTests : BunitContext
{
    public ComponentTests()
    {
        Services.AddSingleton<PageState>();
        Services.AddSingleton<BundledCards>();
    }

    private static string Example(string name) => File.ReadAllText(Path.Combine(Repository.Root, "docs", "examples", name));

    [Theory]
    [InlineData("t0-api-wrapper.yaml", "T0")]
    [InlineData("t2-continual-pretraining.yaml", "T2")]
    [InlineData("t3-partial-reuse.md", "T3")]
    [InlineData("t4-2-architecture-scaler.json", "T4-2")]
    [InlineData("t6-full-stack-sovereign.yaml", "T6")]
    public void A_pasted_card_is_classified_as_tclass_classifies_it(string example, string level)
    {
        var page = Render<ClassifyPage>();

        page.Find("[data-testid=card-input]").Input(Example(example));

        Assert.StartsWith(level + " — ", page.Find("[data-testid=level]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=diagnostics]"));
    }

    [Fact]
    public void Unknown_facts_give_the_candidates_and_what_would_decide()
    {
        var page = Render<ClassifyPage>();

        page.Find("[data-testid=card-input]").Input(Example("unknown-facts.yaml"));

        Assert.Contains("·", page.Find("[data-testid=level]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.Find("[data-testid=missing]").TextContent);
    }

    [Fact]
    public void An_invalid_card_shows_every_error_with_its_line_column_and_fix()
    {
        var page = Render<ClassifyPage>();

        page.Find("[data-testid=card-input]").Input(File.ReadAllText(Path.Combine(Repository.Root, "tests", "fixtures", "invalid-cards", "wrong-types.yaml")));

        var errors = page.FindAll("[data-testid=diagnostics] li");
        Assert.True(errors.Count > 1);
        Assert.All(errors, e => Assert.Matches(@"^card:\d+:\d+: error: .+ Fix: ", e.TextContent));
        Assert.Empty(page.FindAll("[data-testid=level]"));
    }

    [Fact]
    public void The_Korean_switch_puts_the_level_and_reasons_in_Korean()
    {
        var state = Services.GetRequiredService<PageState>();
        var page = Render<ClassifyPage>();
        page.Find("[data-testid=card-input]").Input(Example("t5-native-architecture.yaml"));

        page.InvokeAsync(() => state.SetLanguage(TClass.Text.Language.Korean));

        page.WaitForAssertion(() => Assert.Contains("네이티브 아키텍처", page.Find("[data-testid=level]").TextContent, StringComparison.Ordinal));
        Assert.Contains("등급: T5", page.Find("[data-testid=because]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_ruleset_decides_by_its_own_rules()
    {
        var state = Services.GetRequiredService<PageState>();
        var card = Example("t4-2-borrowed-tokenizer.yaml");
        var manifest = TClass.Manifests.ManifestReader.Parse(card, "card.yaml").Manifest!;
        var strict = TClassifier.Create(new ClassifierOptions { Ruleset = BuiltInRulesets.Get(BuiltInRulesets.Strict) }).Classify(manifest);
        var page = Render<ClassifyPage>();
        page.Find("[data-testid=card-input]").Input(card);

        page.InvokeAsync(() => state.SetRuleset(BuiltInRulesets.Strict));

        page.WaitForAssertion(() => Assert.StartsWith(strict.Candidates[0].Id, page.Find("[data-testid=level]").TextContent.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_registry_has_a_row_per_card_and_filters_them()
    {
        var page = Render<Registry>();
        var cards = Directory.GetFiles(Path.Combine(Repository.Root, "docs", "registry", "cards"), "*.yaml").Length;

        Assert.Equal(cards, page.FindAll("[data-testid=registry-row]").Count);
        page.Find("[data-testid=registry-filter]").Input("EXAONE");
        Assert.InRange(page.FindAll("[data-testid=registry-row]").Count, 1, cards - 1);
        Assert.All(page.FindAll("[data-testid=registry-row]"), r => Assert.Contains("exaone", r.TextContent, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Self_diagnosis_asks_the_rulesets_questions_and_builds_a_card_it_classifies()
    {
        var page = Render<Diagnose>();

        page.Find("[data-testid='answer-weights.origin']").Change("api");

        Assert.StartsWith("T0", page.Find("[data-testid=level]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("origin: api", page.Find("[data-testid=card]").TextContent, StringComparison.Ordinal);
        Assert.True(TClass.Manifests.ManifestReader.Parse(page.Find("[data-testid=card]").TextContent, "card.yaml").Succeeded);
    }

    /// <summary>The files handed to the browser to save: name, type and text of each.</summary>
    private List<(string Name, string Type, string Text)> Saved() =>
        [.. JSInterop.Invocations["tclassSave"].Select(i => ((string)i.Arguments[0]!, (string)i.Arguments[1]!, (string)i.Arguments[2]!))];

    [Fact]
    public void The_result_the_report_and_the_decision_record_download_as_tclass_writes_them()
    {
        JSInterop.SetupVoid("tclassSave", _ => true);
        var card = Example("t2-continual-pretraining.yaml");
        var result = new PageState().Classifier.Classify(ManifestReader.Parse(card, "card").Manifest!);
        var page = Render<ClassifyPage>();
        page.Find("[data-testid=card-input]").Input(card);

        page.Find("[data-testid=download-json]").Click();
        page.Find("[data-testid=download-md]").Click();
        page.Find("[data-testid=download-record]").Click();

        var saved = Saved();
        Assert.Equal(
            [("tclass-result.json", "application/json"), ("tclass-report.md", "text/markdown"), ("tclass-decision.json", "application/json")],
            saved.Select(f => (f.Name, f.Type)));
        Assert.Equal(JsonReport.Render(result, Language.English), saved[0].Text);
        Assert.Equal(MarkdownReport.Render(result, new MarkdownReportOptions(Language.English)), saved[1].Text);
        using var record = JsonDocument.Parse(saved[2].Text);
        using var json = JsonDocument.Parse(saved[0].Text);
        Assert.Equal(card, record.RootElement.GetProperty("card").GetString());
        Assert.True(JsonElement.DeepEquals(json.RootElement, record.RootElement.GetProperty("result")));
    }

    [Fact]
    public void The_full_walk_is_shown_when_asked_for_and_hidden_again()
    {
        var card = Example("unknown-facts.yaml");
        var result = new PageState().Classifier.Classify(ManifestReader.Parse(card, "card").Manifest!);
        var page = Render<ClassifyPage>();
        page.Find("[data-testid=card-input]").Input(card);
        Assert.Empty(page.FindAll("[data-testid=explain]"));

        page.Find("[data-testid=show-walk]").Click();
        Assert.Equal(ExplainReport.Render(result, new TextReportOptions(Language.English, Width: 96)), page.Find("[data-testid=explain]").TextContent);

        page.Find("[data-testid=show-walk]").Click();
        Assert.Empty(page.FindAll("[data-testid=explain]"));
    }

    [Fact]
    public void The_card_self_diagnosis_builds_downloads_as_shown()
    {
        JSInterop.SetupVoid("tclassSave", _ => true);
        var page = Render<Diagnose>();
        page.Find("[data-testid='answer-weights.origin']").Change("scratch");

        page.Find("[data-testid=download-card]").Click();

        var saved = Assert.Single(Saved());
        Assert.Equal(("tclass-card.yaml", "application/yaml", page.Find("[data-testid=card]").TextContent), saved);
    }

    [Fact]
    public void The_rulesets_page_shows_where_two_rulesets_differ()
    {
        var page = Render<Rulesets>();

        Assert.NotEmpty(page.Find("[data-testid=ruleset-diff]").TextContent.Trim());
    }
}

/// <summary>The repository's root, found from the test's folder.</summary>
internal static class Repository
{
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    private static string Find(string folder) =>
        File.Exists(Path.Combine(folder, "TClass.sln")) ? folder : Find(Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("TClass.sln not found"));
}
