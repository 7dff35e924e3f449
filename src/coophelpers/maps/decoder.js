// coophelpers: decode the compact geometry of EncodedGeoJson layers (integer deltas) into GeoJSON.
function coophelpersDecode(d) {
  var s = d.s, depth = {Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2,
                        Polygon: 2, MultiPolygon: 3};
  function line(a) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < a.length; i += 2) { x += a[i]; y += a[i + 1]; out.push([x / s, y / s]); }
    return out;
  }
  function dec(c, k) {
    if (k === 0) { return [c[0] / s, c[1] / s]; }
    if (k === 1) { return line(c); }
    return c.map(function (e) { return dec(e, k - 1); });
  }
  d.f.forEach(function (f) { f.geometry.coordinates = dec(f.geometry.coordinates, depth[f.geometry.type]); });
  return {type: "FeatureCollection", features: d.f};
}
