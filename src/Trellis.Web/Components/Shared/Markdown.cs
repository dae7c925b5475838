using Markdig;
using Microsoft.AspNetCore.Components;

namespace Trellis.Web.Components.Shared;

/// <summary>
/// Renders the Markdown of the data folder (<c>text.md</c>) as HTML. Raw HTML in the Markdown is
/// written out as text, never passed through (<see cref="MarkdownExtensions.DisableHtml"/>), so the
/// markup is the renderer's alone.
/// </summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static MarkupString ToHtml(string markdown) => new(Markdig.Markdown.ToHtml(markdown, Pipeline));
}
