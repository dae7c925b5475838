using System.IO.Compression;
using System.Net;
using System.Text;

namespace Trellis.Web.Tests.Api;

/// <summary>
/// Text responses go compressed to clients that accept it (gzip preferred, Brotli on request), the
/// map data keeps its long cache lifetime, and the <c>POST /api/assess</c> hot path is sent as is.
/// </summary>
public sealed class CompressionTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TrellisApp _app;
    private readonly HttpClient _client;

    public CompressionTests()
    {
        _app = new TrellisApp(_folder.Path);
        _client = _app.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task WorldMap_WithGzip_IsCompressed_AndDecompressesToTheSameSvg()
    {
        var plain = await GetAsync("/map/world.svg", acceptEncoding: null);

        using var response = await SendAsync("/map/world.svg", "gzip");
        var compressed = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.True(compressed.Length < plain.Length * 2 / 3, $"{compressed.Length:N0} bytes compressed of {plain.Length:N0}");
        Assert.Equal(plain, Decompress(compressed, "gzip"));
    }

    [Fact]
    public async Task WorldMap_Compressed_KeepsItsLongCacheLifetime()
    {
        using var response = await SendAsync("/map/world.svg", "gzip, deflate, br, zstd");

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge: { } age } && age >= TimeSpan.FromHours(1), $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task WorldMap_Revalidated_WithItsETag_Is304WithoutBody()
    {
        using var first = await SendAsync("/map/world.svg", "gzip");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/map/world.svg");
        again.Headers.IfNoneMatch.Add(etag);
        using var response = await _client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/", "text/html", "br")]
    [InlineData("/agreements", "text/html", "gzip")]
    [InlineData("/api/agreements", "application/json", "gzip")]
    [InlineData("/openapi/v1.json", "application/json", "br")]
    public async Task TextResponse_IsCompressed_WithTheEncodingAsked(string url, string mediaType, string encoding)
    {
        var plain = await GetAsync(url, acceptEncoding: null);

        using var response = await SendAsync(url, encoding);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var text = Encoding.UTF8.GetString(Decompress(await response.Content.ReadAsByteArrayAsync(), encoding));
        if (mediaType == "text/html")
        {
            // Each page carries a fresh antiforgery token; the rest is the same.
            Assert.StartsWith("<!DOCTYPE html>", text, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Equal(Encoding.UTF8.GetString(plain), text);
        }
    }

    [Fact]
    public async Task Assess_IsNotCompressed_EvenWhenTheClientAcceptsIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/assess") { Content = PlanApiTests.Yaml(PlanApiTests.Plan) };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("\"requirements\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return await _client.SendAsync(request);
    }

    private async Task<byte[]> GetAsync(string url, string? acceptEncoding)
    {
        using var response = await SendAsync(url, acceptEncoding);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
