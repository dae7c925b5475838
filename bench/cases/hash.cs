#:sdk Microsoft.NET.Sdk.Web
using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.AspNetCore.Identity;

// One password hash as the app makes it: ASP.NET Core Identity's PasswordHasher<TUser> from the shared
// framework, default PasswordHasherOptions (Trellis sets none). Decodes the V3 header of its output
// (format marker, PRF, iteration count) and times 10 hashes after a warm-up. Run: dotnet run hash.cs
var defaults = new PasswordHasherOptions();
var hasher = new PasswordHasher<object>();
var bytes = Convert.FromBase64String(hasher.HashPassword(new object(), "bench-password-123")); // warm-up
var prf = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)) switch { 0 => "HMAC-SHA1", 1 => "HMAC-SHA256", 2 => "HMAC-SHA512", var p => $"prf {p}" };
var iterations = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
var times = new List<double>();
for (var i = 0; i < 10; i++)
{
    var sw = Stopwatch.StartNew();
    hasher.HashPassword(new object(), "bench-password-123");
    times.Add(sw.Elapsed.TotalMilliseconds);
}

times.Sort();
Console.WriteLine($"{defaults.CompatibilityMode} (format byte 0x{bytes[0]:x2}), PBKDF2-{prf}, {iterations:N0} iterations (PasswordHasherOptions.IterationCount default {defaults.IterationCount:N0}), "
    + $"ASP.NET Core {typeof(PasswordHasher<>).Assembly.GetName().Version}: one hash min {times[0]:F1} ms, median {times[5]:F1} ms, max {times[^1]:F1} ms");
