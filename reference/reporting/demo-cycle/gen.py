# -*- coding: utf-8 -*-
# Generates narratives.json (kept in the repository; this script documents how it was written and is not run by the product).
import json
P = {}  # provinces
def prov(code, tasks, sections, figures=None):
    P[code] = {"tasks": tasks, "sections": sections, "figures": figures or {}}

prov("UBND-14", {  # Sơn La
 "1.1.a": ["recurring", "Năm {Y}, tỉnh đã hoàn thành 46 nội dung phân cấp, ủy quyền theo Nghị quyết số 04/NQ-CP; UBND tỉnh ban hành 12 quyết định quy phạm pháp luật để thực hiện phân cấp trong các lĩnh vực đất đai, xây dựng, tài chính. Tỉnh ban hành Kế hoạch số MH-118/KH-UBND ngày 15/3/{Y} thực hiện các nhiệm vụ phát triển vùng Trung du và miền núi phía Bắc. Việc phân cấp bước đầu rút ngắn thời gian giải quyết thủ tục hành chính cấp huyện từ 15 xuống 10 ngày làm việc."],
 "1.1.b": ["recurring", "Tỉnh đã phối hợp với Bộ Xây dựng, Bộ Nông nghiệp và Môi trường rà soát các quy hoạch ngành quốc gia liên quan đến địa bàn tỉnh, nhất là quy hoạch mạng lưới đường bộ và quy hoạch thủy lợi. Tỉnh có văn bản số MH-2045/UBND-KT ngày 20/6/{Y} góp ý dự thảo điều chỉnh quy hoạch vùng, đề nghị bổ sung tuyến cao tốc Hòa Bình - Mộc Châu - Sơn La."],
 "1.1.c": ["recurring", "Tỉnh tiếp tục kết nối Hệ thống quản lý văn bản và điều hành với Trục liên thông văn bản quốc gia; 100% văn bản đi của các sở, ngành được ký số. Cơ sở dữ liệu đất đai đã hoàn thành tại 8/12 huyện, thành phố. Tỉnh đang xây dựng kho dữ liệu dùng chung để chia sẻ với các tỉnh trong vùng."],
 "1.1.d": ["recurring", "Tỉnh đã tổ chức 06 hội nghị quán triệt Nghị quyết số 57/NQ-CP và quy hoạch vùng cho cán bộ chủ chốt cấp tỉnh, cấp huyện. Báo Sơn La và Đài Phát thanh - Truyền hình tỉnh duy trì chuyên mục về liên kết vùng, đăng tải 48 tin, bài trong năm."],
 "1.1.e": ["recurring", "Tỉnh tổ chức Hội nghị đối thoại doanh nghiệp năm {Y} với 250 doanh nghiệp tham dự; tiếp nhận 37 kiến nghị, chủ yếu về đất đai, thủ tục đầu tư và hạ tầng kết nối. Đến nay đã giải quyết 31/37 kiến nghị, 6 kiến nghị đang được xử lý."],
 "1.3.a": ["recurring", "Tỉnh đã ký kết chương trình hợp tác phát triển du lịch với tỉnh Điện Biên, Lai Châu và Hòa Bình giai đoạn 2024-2028. Tỉnh tham gia Hội chợ xúc tiến thương mại vùng Trung du và miền núi phía Bắc tại Phú Thọ với 35 gian hàng nông sản. Tỉnh đề xuất cơ chế hỗ trợ đầu tư hạ tầng kết nối các vùng sản xuất cây ăn quả tập trung."],
 "1.3.b": ["done", "Quy hoạch tỉnh Sơn La thời kỳ 2021-2030, tầm nhìn đến năm 2050 đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 1676/QĐ-TTg ngày 25/12/2023. Tỉnh đã tổ chức công bố quy hoạch và ban hành Kế hoạch số MH-72/KH-UBND ngày 28/02/{Y} thực hiện quy hoạch tỉnh."],
 "1.3.c": ["recurring", "Tỉnh đã ban hành Kế hoạch số MH-45/KH-UBND ngày 10/02/{Y} thực hiện Nghị quyết số 57/NQ-CP và Chương trình hành động thực hiện quy hoạch vùng Trung du và miền núi phía Bắc. HĐND tỉnh thông qua Nghị quyết số MH-38/NQ-HĐND về cơ chế hỗ trợ phát triển vùng nguyên liệu liên kết."],
 "1.3.d": ["recurring", "Năm {Y}, tỉnh bố trí 420 tỷ đồng vốn ngân sách địa phương đối ứng cho các dự án giao thông kết nối liên tỉnh. Tỉnh đang phối hợp với Bộ Xây dựng chuẩn bị đầu tư tuyến cao tốc Hòa Bình - Mộc Châu theo phương thức đối tác công tư (PPP). Tiến độ giải phóng mặt bằng còn chậm do vướng mắc về đất rừng."],
 "1.3.đ": ["recurring", "Tỉnh đã kiện toàn Tổ điều phối vùng tại Quyết định số MH-310/QĐ-UBND ngày 05/4/{Y}, do Phó Chủ tịch UBND tỉnh làm Tổ trưởng; Sở Tài chính là cơ quan thường trực. Tỉnh cử 04 công chức tham gia lớp bồi dưỡng về quản lý phát triển vùng."],
}, {
 "results": "Các nhiệm vụ được giao tại Nghị quyết số 57/NQ-CP được tỉnh triển khai đúng tiến độ; quy hoạch tỉnh được phê duyệt là căn cứ để thu hút đầu tư và phối hợp với các tỉnh trong vùng. Hợp tác du lịch với các tỉnh Tây Bắc đã tăng lượng khách lưu trú thêm 12%.",
 "shortcomings": "Nguồn vốn cho các dự án liên kết vùng còn hạn chế, chủ yếu dựa vào ngân sách trung ương. Công tác giải phóng mặt bằng các dự án giao thông liên tỉnh còn chậm, nhất là đối với đất rừng. Nguyên nhân chủ yếu là địa hình chia cắt, suất đầu tư cao và năng lực ngân sách địa phương còn hạn chế.",
 "lessons": "Cần có sự vào cuộc quyết liệt của người đứng đầu cấp ủy, chính quyền trong triển khai các dự án liên kết vùng.",
 "recommendations": "Đề nghị Bộ Tài chính sớm ban hành hướng dẫn tiêu chí lựa chọn dự án liên vùng để làm căn cứ bố trí vốn đầu tư công trung hạn. Đề nghị Chính phủ ưu tiên bố trí vốn ngân sách trung ương cho tuyến cao tốc Hòa Bình - Mộc Châu - Sơn La.",
 "proposals": "Đề xuất xây dựng nghị quyết mới thay thế Nghị quyết số 57/NQ-CP, phù hợp với mô hình chính quyền địa phương hai cấp và phân vùng kinh tế - xã hội mới."
}, {"1.1.a": {"decentralised_items": 46, "legal_decisions": 12}})

prov("UBND-04", {  # Cao Bằng
 "1.1.a": ["recurring", "Năm {Y}, tỉnh đã hoàn thành 38 nội dung phân cấp, ủy quyền theo Nghị quyết số 04/NQ-CP; UBND tỉnh ban hành 09 quyết định quy phạm pháp luật để thực hiện phân cấp. Tỉnh ban hành Kế hoạch số MH-702/KH-UBND ngày 22/3/{Y} thực hiện các nhiệm vụ phát triển vùng."],
 "1.1.b": ["recurring", "Tỉnh đã phối hợp với các bộ, ngành rà soát các quy hoạch ngành quốc gia liên quan đến khu kinh tế cửa khẩu và hạ tầng logistics biên giới. Tỉnh đề nghị bổ sung cửa khẩu Trà Lĩnh vào quy hoạch phát triển hệ thống cửa khẩu quốc gia."],
 "1.1.c": ["recurring", "Tỉnh tiếp tục kết nối Hệ thống quản lý văn bản và điều hành với Trục liên thông văn bản quốc gia. Cổng dịch vụ công của tỉnh đã kết nối với Cổng dịch vụ công quốc gia, tỷ lệ hồ sơ trực tuyến toàn trình đạt 52%."],
 "1.1.d": ["recurring", "Tỉnh đã tổ chức 04 hội nghị quán triệt Nghị quyết số 57/NQ-CP cho cán bộ chủ chốt và lồng ghép nội dung liên kết vùng trong chương trình bồi dưỡng cán bộ nguồn của tỉnh."],
 "1.1.e": ["recurring", "Tỉnh duy trì hội nghị gặp gỡ doanh nghiệp hằng quý; năm {Y} tiếp nhận 24 kiến nghị về thủ tục xuất nhập khẩu, hạ tầng cửa khẩu và logistics, đã trả lời 20 kiến nghị."],
 "1.3.a": ["recurring", "Tỉnh đã ký kết thỏa thuận hợp tác với tỉnh Lạng Sơn về phát triển kinh tế cửa khẩu và kết nối hạ tầng giao thông biên giới. Tỉnh phối hợp với Khu tự trị dân tộc Choang Quảng Tây (Trung Quốc) tổ chức hội chợ thương mại biên giới với 120 doanh nghiệp tham gia."],
 "1.3.b": ["done", "Quy hoạch tỉnh Cao Bằng thời kỳ 2021-2030, tầm nhìn đến năm 2050 đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 1675/QĐ-TTg ngày 25/12/2023. Tỉnh đã tổ chức công bố và ban hành Kế hoạch số MH-615/KH-UBND thực hiện quy hoạch tỉnh."],
 "1.3.c": ["recurring", "Tỉnh đã ban hành Kế hoạch số MH-850/KH-UBND ngày 05/4/{Y} thực hiện Nghị quyết số 57/NQ-CP. UBND tỉnh ban hành Quyết định số MH-12/{Y}/QĐ-UBND quy định phối hợp quản lý các dự án kết nối liên tỉnh."],
 "1.3.d": ["recurring", "Tỉnh đã bố trí 310 tỷ đồng vốn ngân sách địa phương cho dự án đường bộ cao tốc Đồng Đăng (Lạng Sơn) - Trà Lĩnh (Cao Bằng) đầu tư theo phương thức PPP. Đến hết năm {Y}, dự án đã giải phóng mặt bằng được 92% diện tích."],
 "1.3.đ": ["recurring", "Tỉnh đã kiện toàn Tổ điều phối vùng do Phó Chủ tịch UBND tỉnh làm Tổ trưởng; Sở Tài chính là cơ quan thường trực. Số công chức theo dõi công tác liên kết vùng tại các sở, ngành còn ít, chủ yếu kiêm nhiệm."],
}, {
 "results": "Tỉnh đã hoàn thành các nhiệm vụ có thời hạn; dự án cao tốc Đồng Đăng - Trà Lĩnh được triển khai đúng tiến độ, mở ra khả năng kết nối cửa khẩu với vùng đồng bằng sông Hồng.",
 "shortcomings": "Nguồn vốn đầu tư cho các dự án liên kết vùng còn hạn chế, phụ thuộc ngân sách trung ương. Đội ngũ cán bộ làm công tác liên kết vùng chủ yếu kiêm nhiệm, thiếu kinh nghiệm điều phối. Nguyên nhân là cơ chế phối hợp giữa các địa phương chưa có tính ràng buộc.",
 "lessons": "Phối hợp chặt chẽ giữa các địa phương có chung tuyến giao thông giúp đẩy nhanh giải phóng mặt bằng.",
 "recommendations": "Đề nghị Bộ Tài chính sớm ban hành hướng dẫn tiêu chí lựa chọn dự án liên vùng. Đề nghị các bộ, ngành hỗ trợ đào tạo cán bộ làm công tác điều phối vùng cho các tỉnh miền núi.",
 "proposals": "Đề nghị nghiên cứu xây dựng nghị quyết mới thay thế Nghị quyết số 57/NQ-CP theo phân vùng kinh tế - xã hội mới."
}, {"1.1.a": {"decentralised_items": 38, "legal_decisions": 9}})

prov("UBND-31", {  # Hải Phòng
 "1.1.a": ["recurring", "Năm {Y}, thành phố đã hoàn thành 64 nội dung phân cấp, ủy quyền theo Nghị quyết số 04/NQ-CP; UBND thành phố ban hành 15 quyết định quy phạm pháp luật về phân cấp quản lý. Thành phố ban hành Kế hoạch số MH-205/KH-UBND ngày 12/4/{Y} thực hiện các nhiệm vụ phát triển vùng đồng bằng sông Hồng."],
 "1.1.b": ["recurring", "Thành phố đã phối hợp với Bộ Xây dựng rà soát quy hoạch tổng thể phát triển hệ thống cảng biển và quy hoạch mạng lưới đường sắt liên quan đến địa bàn, đề nghị bổ sung tuyến đường sắt Lào Cai - Hà Nội - Hải Phòng."],
 "1.1.c": ["recurring", "Thành phố đã đưa vào vận hành Trung tâm điều hành thông minh (IOC); cơ sở dữ liệu dân cư, đất đai, doanh nghiệp được kết nối với Nền tảng tích hợp, chia sẻ dữ liệu của thành phố. Tỷ lệ hồ sơ trực tuyến toàn trình đạt 68%."],
 "1.1.d": ["recurring", "Thành phố tổ chức Diễn đàn liên kết phát triển vùng duyên hải Bắc Bộ với sự tham gia của 8 tỉnh, thành phố; các cơ quan báo chí của thành phố đăng tải 120 tin, bài về liên kết vùng."],
 "1.1.e": ["recurring", "Thành phố tổ chức 04 hội nghị đối thoại với doanh nghiệp logistics và khu công nghiệp, tiếp nhận 52 kiến nghị; đã giải quyết 45 kiến nghị, còn 7 kiến nghị liên quan đến thẩm quyền của các bộ, ngành."],
 "1.3.a": ["recurring", "Thành phố đã ký kết chương trình hợp tác với tỉnh Quảng Ninh và Thái Bình về phát triển hạ tầng giao thông, cảng biển và du lịch giai đoạn 2024-2030. Thành phố đề xuất cơ chế đặc thù cho Khu thương mại tự do gắn với cảng Lạch Huyện."],
 "1.3.b": ["done", "Quy hoạch thành phố Hải Phòng thời kỳ 2021-2030, tầm nhìn đến năm 2050 đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 1516/QĐ-TTg ngày 02/12/2023. Thành phố đã công bố quy hoạch và ban hành kế hoạch thực hiện."],
 "1.3.c": ["recurring", "Thành phố đã ban hành Kế hoạch số MH-96/KH-UBND ngày 20/02/{Y} thực hiện Nghị quyết số 57/NQ-CP. HĐND thành phố thông qua Nghị quyết số MH-14/NQ-HĐND về hỗ trợ các địa phương trong vùng đầu tư hạ tầng kết nối."],
 "1.3.d": ["recurring", "Năm {Y}, thành phố bố trí 1.250 tỷ đồng vốn ngân sách địa phương cho các dự án kết nối liên tỉnh, trong đó có cầu Bến Rừng nối Hải Phòng với Quảng Ninh. Thành phố đang kêu gọi đầu tư 02 trung tâm logistics cấp vùng theo phương thức PPP."],
 "1.3.đ": ["recurring", "Thành phố đã kiện toàn Tổ điều phối vùng; Sở Tài chính là cơ quan thường trực, bố trí 03 công chức chuyên trách theo dõi công tác liên kết vùng."],
}, {
 "results": "Hạ tầng kết nối vùng duyên hải Bắc Bộ được cải thiện rõ rệt; cầu Bến Rừng và tuyến đường ven biển giúp rút ngắn thời gian di chuyển giữa Hải Phòng và Quảng Ninh.",
 "shortcomings": "Cơ chế phối hợp giữa các địa phương trong vùng chưa có tính ràng buộc, nhiều nội dung hợp tác mang tính hình thức. Cơ sở dữ liệu dùng chung của vùng chưa được xây dựng, việc chia sẻ dữ liệu giữa các địa phương còn hạn chế.",
 "lessons": "Các dự án hạ tầng liên tỉnh cần thống nhất tiến độ đầu tư giữa các địa phương ngay từ khâu chuẩn bị dự án.",
 "recommendations": "Đề nghị sớm hoàn thiện cơ chế điều phối vùng, quy định rõ trách nhiệm của các địa phương trong thực hiện các dự án liên vùng. Đề nghị xây dựng cơ sở dữ liệu dùng chung của vùng do Hội đồng điều phối vùng quản lý.",
 "proposals": "Đề xuất xây dựng nghị quyết mới thay thế Nghị quyết số 57/NQ-CP, bổ sung cơ chế tài chính cho các dự án liên vùng."
}, {"1.1.a": {"decentralised_items": 64, "legal_decisions": 15}})

prov("UBND-08", {  # Tuyên Quang (returned; sent by the Department of Finance)
 "1.1.a": ["recurring", "Năm {Y}, tỉnh đã hoàn thành 29 nội dung phân cấp, ủy quyền theo Nghị quyết số 04/NQ-CP; UBND tỉnh ban hành 07 quyết định quy phạm pháp luật về phân cấp. Tỉnh ban hành Kế hoạch số MH-68/KH-UBND thực hiện các nhiệm vụ phát triển vùng."],
 "1.1.b": ["recurring", "Tỉnh đã phối hợp với các bộ, ngành rà soát các quy hoạch ngành quốc gia liên quan đến địa bàn tỉnh."],
 "1.1.c": ["recurring", "Tỉnh tiếp tục kết nối Hệ thống quản lý văn bản và điều hành với Trục liên thông văn bản quốc gia; cơ sở dữ liệu đất đai hoàn thành tại 5/7 huyện, thành phố."],
 "1.1.d": ["recurring", "Tỉnh tuyên truyền về liên kết vùng trên Cổng thông tin điện tử và Báo Tuyên Quang với 26 tin, bài."],
 "1.1.e": ["recurring", "Tỉnh tổ chức hội nghị đối thoại với 180 doanh nghiệp, tiếp nhận 19 kiến nghị về đất đai và hạ tầng khu công nghiệp."],
 "1.3.a": ["recurring", "Tỉnh đã ký kết chương trình hợp tác du lịch với tỉnh Hà Giang, Yên Bái và Phú Thọ, hình thành tour du lịch về nguồn ATK - Tân Trào kết nối 4 tỉnh."],
 "1.3.b": ["done", "Quy hoạch tỉnh Tuyên Quang thời kỳ 2021-2030, tầm nhìn đến năm 2050 đã được Thủ tướng Chính phủ phê duyệt; tỉnh đã tổ chức công bố và ban hành kế hoạch thực hiện."],
 "1.3.c": ["recurring", "Tỉnh đã ban hành Kế hoạch số MH-91/KH-UBND thực hiện Nghị quyết số 57/NQ-CP và các văn bản chỉ đạo về phát triển bền vững vùng."],
 "1.3.d": ["recurring", "Tỉnh bố trí vốn ngân sách địa phương đối ứng cho dự án cao tốc Tuyên Quang - Hà Giang; đang tổng hợp danh mục dự án liên kết vùng đã bố trí vốn năm {Y}."],
 "1.3.đ": ["recurring", "Tỉnh đã kiện toàn Tổ điều phối vùng; Sở Tài chính là cơ quan thường trực."],
}, {
 "results": "Các nhiệm vụ được giao cơ bản được triển khai đúng tiến độ; sản phẩm du lịch liên tỉnh bước đầu được hình thành.",
 "shortcomings": "Nguồn lực cho các dự án liên kết vùng còn hạn chế; cơ chế phối hợp giữa các địa phương chưa chặt chẽ.",
 "recommendations": "Đề nghị sớm hoàn thiện cơ chế điều phối vùng và hướng dẫn lựa chọn dự án liên vùng."
}, {"1.1.a": {"decentralised_items": 29, "legal_decisions": 7}})

prov("UBND-19", {  # Thái Nguyên
 "1.1.a": ["recurring", "Năm {Y}, tỉnh đã hoàn thành 52 nội dung phân cấp, ủy quyền theo Nghị quyết số 04/NQ-CP; UBND tỉnh ban hành 11 quyết định quy phạm pháp luật về phân cấp trong các lĩnh vực khoa học và công nghệ, nông nghiệp, xây dựng. Tỉnh ban hành Kế hoạch số MH-140/KH-UBND ngày 02/4/{Y} thực hiện các nhiệm vụ phát triển vùng."],
 "1.1.b": ["recurring", "Tỉnh đã có Tờ trình số MH-36/TTr-UBND đề nghị Bộ Xây dựng bổ sung tuyến cao tốc Thái Nguyên - Lạng Sơn vào quy hoạch mạng lưới đường bộ."],
 "1.1.c": ["recurring", "Tỉnh đã vận hành Trung tâm giám sát, điều hành đô thị thông minh; 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình. Tỉnh tiếp tục kết nối Hệ thống quản lý văn bản và điều hành với Trục liên thông văn bản quốc gia."],
 "1.1.d": ["recurring", "Tỉnh tổ chức 05 hội nghị quán triệt Nghị quyết số 57/NQ-CP và quy hoạch vùng; Báo Thái Nguyên mở chuyên mục \"Liên kết vùng\" với 35 tin, bài."],
 "1.1.e": ["recurring", "Tỉnh tổ chức Hội nghị đối thoại với doanh nghiệp FDI, tiếp nhận 28 kiến nghị về hạ tầng khu công nghiệp và nguồn nhân lực, đã giải quyết 25 kiến nghị."],
 "1.3.a": ["recurring", "Tỉnh đã ký kết thỏa thuận hợp tác với tỉnh Bắc Kạn và Lạng Sơn về kết nối giao thông và phát triển công nghiệp hỗ trợ. Tỉnh đề xuất cơ chế thu hút đầu tư vào các khu công nghiệp dọc hành lang Hà Nội - Thái Nguyên - Lạng Sơn."],
 "1.3.b": ["done", "Quy hoạch tỉnh Thái Nguyên thời kỳ 2021-2030, tầm nhìn đến năm 2050 đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 222/QĐ-TTg ngày 14/3/2023; tỉnh đã ban hành Kế hoạch số MH-51/KH-UBND thực hiện quy hoạch."],
 "1.3.c": ["recurring", "Tỉnh đã ban hành Kế hoạch số MH-77/KH-UBND ngày 15/3/{Y} thực hiện Nghị quyết số 57/NQ-CP. UBND tỉnh ban hành Quyết định số MH-09/{Y}/QĐ-UBND về phối hợp quản lý các khu công nghiệp liên tỉnh."],
 "1.3.d": ["recurring", "Năm {Y}, tỉnh bố trí 680 tỷ đồng vốn ngân sách địa phương cho dự án đường liên kết, kết nối các tỉnh Thái Nguyên, Bắc Giang, Vĩnh Phúc. Giải phóng mặt bằng đạt 85% do vướng mắc về giá đất tái định cư."],
 "1.3.đ": ["recurring", "Tỉnh đã kiện toàn Tổ điều phối vùng do Phó Chủ tịch UBND tỉnh làm Tổ trưởng; Sở Tài chính là cơ quan thường trực."],
}, {
 "results": "Tỉnh hoàn thành các nhiệm vụ có thời hạn; hành lang công nghiệp Hà Nội - Thái Nguyên tiếp tục thu hút đầu tư.",
 "shortcomings": "Công tác giải phóng mặt bằng dự án giao thông liên tỉnh chậm, ảnh hưởng tiến độ do vướng mắc về giá đất tái định cư. Việc chia sẻ dữ liệu giữa các địa phương trong vùng còn hạn chế, chưa có cơ sở dữ liệu dùng chung.",
 "lessons": "Cần gắn liên kết vùng với các hành lang kinh tế và khu công nghiệp để tạo động lực lan tỏa.",
 "recommendations": "Đề nghị xây dựng cơ sở dữ liệu dùng chung của vùng để các địa phương chia sẻ thông tin quy hoạch, đầu tư.",
 "proposals": "Đề xuất nghị quyết mới thay thế Nghị quyết số 57/NQ-CP, bổ sung nhiệm vụ phát triển hành lang kinh tế liên tỉnh."
}, {"1.1.a": {"decentralised_items": 52, "legal_decisions": 11}})

prov("UBND-92", {  # Cần Thơ
 "1.1.a": ["recurring", "Năm {Y}, thành phố đã hoàn thành 57 nội dung phân cấp, ủy quyền theo Nghị quyết số 04/NQ-CP; UBND thành phố ban hành 13 quyết định quy phạm pháp luật về phân cấp. Thành phố ban hành Kế hoạch số MH-88/KH-UBND ngày 25/3/{Y} thực hiện các nhiệm vụ phát triển vùng đồng bằng sông Cửu Long."],
 "1.1.b": ["recurring", "Thành phố đã phối hợp với Bộ Nông nghiệp và Môi trường rà soát quy hoạch thủy lợi và phòng chống thiên tai vùng đồng bằng sông Cửu Long."],
 "1.1.c": ["recurring", "Thành phố phối hợp với Bộ Nông nghiệp và Môi trường vận hành Trung tâm Dữ liệu vùng Đồng bằng sông Cửu Long; cơ sở dữ liệu về tài nguyên nước, xâm nhập mặn được chia sẻ với 12 tỉnh trong vùng."],
 "1.1.d": ["recurring", "Thành phố tổ chức Diễn đàn hợp tác kinh tế đồng bằng sông Cửu Long (MDEC) năm 2024; các cơ quan báo chí đăng tải 64 tin, bài về liên kết vùng."],
 "1.1.e": ["recurring", "Thành phố tổ chức hội nghị đối thoại với hiệp hội doanh nghiệp vùng đồng bằng sông Cửu Long, tiếp nhận 33 kiến nghị về logistics và chuỗi giá trị lúa gạo, thủy sản."],
 "1.3.a": ["recurring", "Thành phố đã ký kết chương trình hợp tác với các tỉnh Hậu Giang, Sóc Trăng và Vĩnh Long về phát triển chuỗi giá trị nông sản và logistics. Thành phố đề xuất cơ chế để Cần Thơ trở thành trung tâm logistics của vùng."],
 "1.3.b": ["done", "Quy hoạch thành phố Cần Thơ thời kỳ 2021-2030, tầm nhìn đến năm 2050 đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 1519/QĐ-TTg ngày 02/12/2023; thành phố đã công bố quy hoạch."],
 "1.3.c": ["recurring", "Thành phố đã ban hành Kế hoạch số MH-112/KH-UBND ngày 04/4/{Y} thực hiện Nghị quyết số 57/NQ-CP và Nghị quyết số 13-NQ/TW về phát triển vùng đồng bằng sông Cửu Long."],
 "1.3.d": ["recurring", "Năm {Y}, thành phố bố trí 540 tỷ đồng vốn ngân sách địa phương cho các dự án kết nối vùng; dự án cao tốc Châu Đốc - Cần Thơ - Sóc Trăng đoạn qua thành phố đã giải phóng mặt bằng 97%."],
 "1.3.đ": ["recurring", "Thành phố đã kiện toàn Tổ điều phối vùng; Sở Tài chính là cơ quan thường trực."],
}, {
 "results": "Thành phố phát huy vai trò trung tâm vùng; Trung tâm Dữ liệu vùng đi vào hoạt động, hỗ trợ các tỉnh ứng phó xâm nhập mặn.",
 "shortcomings": "Nguồn vốn cho dự án liên kết vùng hạn chế, phụ thuộc ngân sách trung ương. Hạ tầng logistics của vùng chưa đáp ứng yêu cầu, chi phí vận chuyển nông sản còn cao.",
 "lessons": "Dữ liệu dùng chung là điều kiện để các địa phương trong vùng cùng ứng phó với biến đổi khí hậu.",
 "recommendations": "Đề nghị Chính phủ ưu tiên vốn cho các dự án logistics cấp vùng tại đồng bằng sông Cửu Long. Đề nghị sớm hoàn thiện cơ chế điều phối vùng và phân bổ nguồn lực cho các dự án liên vùng.",
}, {"1.1.a": {"decentralised_items": 57, "legal_decisions": 13}})

prov("UBND-22", {  # Quảng Ninh (Department of Finance)
 "1.1.a": ["recurring", "Năm {Y}, tỉnh đã hoàn thành 71 nội dung phân cấp, ủy quyền theo Nghị quyết số 04/NQ-CP; UBND tỉnh ban hành 17 quyết định quy phạm pháp luật về phân cấp."],
 "1.1.b": ["recurring", "Tỉnh đã phối hợp với các bộ, ngành rà soát quy hoạch hệ thống cảng biển và quy hoạch du lịch liên quan đến vịnh Hạ Long - Lan Hạ."],
 "1.1.c": ["recurring", "Tỉnh vận hành Trung tâm điều hành thông minh cấp tỉnh; 100% cơ quan cấp tỉnh, cấp huyện kết nối với Trục liên thông văn bản quốc gia."],
 "1.1.d": ["recurring", "Tỉnh tuyên truyền về liên kết vùng trên các phương tiện thông tin đại chúng với 52 tin, bài; tổ chức hội thảo về hợp tác phát triển du lịch vịnh Hạ Long - quần đảo Cát Bà."],
 "1.1.e": ["recurring", "Tỉnh duy trì hội nghị gặp gỡ doanh nghiệp định kỳ hằng quý, tiếp nhận 41 kiến nghị về thủ tục đầu tư, logistics và hạ tầng khu công nghiệp."],
 "1.3.a": ["recurring", "Tỉnh đã ký kết chương trình hợp tác với thành phố Hải Phòng về quản lý, khai thác du lịch vịnh Hạ Long - vịnh Lan Hạ và phát triển hạ tầng giao thông kết nối."],
 "1.3.b": ["done", "Quy hoạch tỉnh Quảng Ninh thời kỳ 2021-2030, tầm nhìn đến năm 2050 đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 80/QĐ-TTg ngày 11/02/2023."],
 "1.3.c": ["recurring", "Tỉnh đã ban hành Kế hoạch số MH-150/KH-UBND thực hiện Nghị quyết số 57/NQ-CP và quy hoạch vùng đồng bằng sông Hồng."],
 "1.3.d": ["recurring", "Năm {Y}, tỉnh bố trí 1.480 tỷ đồng vốn ngân sách địa phương cho các dự án kết nối liên tỉnh, trong đó có cầu Bến Rừng và đường ven biển Hạ Long - Hải Phòng."],
 "1.3.đ": ["recurring", "Tỉnh đã kiện toàn Tổ điều phối vùng; Sở Tài chính là cơ quan thường trực, bố trí 02 công chức chuyên trách."],
}, {
 "results": "Hợp tác với Hải Phòng trong quản lý vịnh Hạ Long - Lan Hạ đạt kết quả bước đầu; hạ tầng giao thông kết nối được hoàn thiện.",
 "shortcomings": "Cơ chế phối hợp giữa các địa phương trong vùng còn mang tính hình thức, thiếu tính ràng buộc.",
 "recommendations": "Đề nghị hoàn thiện cơ chế điều phối vùng, quy định rõ trách nhiệm các địa phương trong thực hiện dự án liên vùng.",
 "proposals": "Đề xuất xây dựng nghị quyết mới thay thế Nghị quyết số 57/NQ-CP."
}, {"1.1.a": {"decentralised_items": 71, "legal_decisions": 17}})

prov("UBND-40", {  # Nghệ An
 "1.1.a": ["recurring", "Năm {Y}, tỉnh đã hoàn thành 49 nội dung phân cấp, ủy quyền theo Nghị quyết số 04/NQ-CP; UBND tỉnh ban hành 10 quyết định quy phạm pháp luật về phân cấp."],
 "1.1.b": ["recurring", "Tỉnh đã phối hợp với các bộ, ngành rà soát quy hoạch mạng lưới đường bộ và quy hoạch cảng biển, đề nghị bổ sung cảng Cửa Lò vào danh mục cảng biển loại I."],
 "1.1.c": ["recurring", "Tỉnh tiếp tục kết nối Hệ thống quản lý văn bản và điều hành với Trục liên thông văn bản quốc gia; cơ sở dữ liệu đất đai hoàn thành tại 12/21 huyện, thị xã, thành phố."],
 "1.1.d": ["recurring", "Tỉnh tổ chức 03 hội nghị quán triệt Nghị quyết số 57/NQ-CP; Báo Nghệ An và Đài Phát thanh - Truyền hình tỉnh đăng tải 40 tin, bài về liên kết vùng."],
 "1.1.e": ["recurring", "Tỉnh tổ chức hội nghị đối thoại với doanh nghiệp trong Khu kinh tế Đông Nam, tiếp nhận 30 kiến nghị, đã giải quyết 26 kiến nghị."],
 "1.3.a": ["recurring", "Tỉnh đã ký kết chương trình hợp tác với tỉnh Thanh Hóa và Hà Tĩnh về du lịch, kết nối giao thông và phát triển kinh tế biển. Tỉnh đề xuất cơ chế phát triển vùng kinh tế biển Bắc Trung Bộ."],
 "1.3.b": ["done", "Quy hoạch tỉnh Nghệ An thời kỳ 2021-2030, tầm nhìn đến năm 2050 đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 1059/QĐ-TTg ngày 14/9/2023; tỉnh đã công bố quy hoạch."],
 "1.3.c": ["recurring", "Tỉnh đã ban hành Kế hoạch số MH-233/KH-UBND ngày 18/4/{Y} thực hiện Nghị quyết số 57/NQ-CP."],
 "1.3.d": ["recurring", "Năm {Y}, tỉnh bố trí 760 tỷ đồng vốn ngân sách địa phương cho các dự án kết nối liên tỉnh; dự án đường ven biển Nghi Sơn - Cửa Lò đã giải phóng mặt bằng 90%."],
 "1.3.đ": ["recurring", "Tỉnh đã kiện toàn Tổ điều phối vùng do Phó Chủ tịch UBND tỉnh làm Tổ trưởng; Sở Tài chính là cơ quan thường trực."],
}, {
 "results": "Kết nối giao thông ven biển Bắc Trung Bộ được cải thiện; hợp tác du lịch với Thanh Hóa, Hà Tĩnh thu hút thêm khách.",
 "shortcomings": "Giải phóng mặt bằng các dự án giao thông liên tỉnh còn chậm do vướng mắc về đơn giá bồi thường. Nguồn vốn cho dự án liên kết vùng còn hạn chế.",
 "lessons": "Cần có cơ chế chia sẻ chi phí giữa các địa phương cùng hưởng lợi từ dự án liên tỉnh.",
 "recommendations": "Đề nghị Chính phủ ban hành cơ chế chia sẻ nguồn vốn giữa các địa phương cùng tham gia dự án liên vùng.",
 "proposals": "Đề xuất xây dựng nghị quyết mới thay thế Nghị quyết số 57/NQ-CP."
}, {"1.1.a": {"decentralised_items": 49, "legal_decisions": 10}})

prov("UBND-20", {  # Lạng Sơn (draft in the demo: submitted late in the browser journey)
 "1.1.a": ["recurring", "Năm {Y}, tỉnh đã hoàn thành 128 nội dung phân cấp, ủy quyền theo Nghị quyết số 04/NQ-CP; UBND tỉnh và Chủ tịch UBND tỉnh ban hành 61 quyết định quy phạm pháp luật. Tỉnh ban hành Kế hoạch số MH-60/KH-UBND ngày 08/3/{Y} thực hiện các nhiệm vụ phát triển vùng."],
 "1.1.c": ["recurring", "Tỉnh triển khai Chiến dịch làm sạch dữ liệu đất đai; cơ sở dữ liệu đất đai hoàn thành tại 11/11 huyện, thành phố."],
 "1.1.b": ["recurring", "Tỉnh đã phối hợp với Bộ Xây dựng rà soát quy hoạch mạng lưới đường bộ, đề nghị bổ sung tuyến cao tốc Thái Nguyên - Chợ Mới - Lạng Sơn."],
 "1.1.d": ["recurring", "Tỉnh tổ chức 03 hội nghị quán triệt Nghị quyết số 57/NQ-CP; Báo Lạng Sơn đăng tải 30 tin, bài về liên kết vùng và kinh tế cửa khẩu."],
 "1.1.e": ["recurring", "Tỉnh tổ chức hội nghị đối thoại với doanh nghiệp xuất nhập khẩu, tiếp nhận 26 kiến nghị về thông quan hàng hóa tại cửa khẩu Hữu Nghị và Tân Thanh."],
 "1.3.a": ["recurring", "Tỉnh đã ký kết thỏa thuận hợp tác với tỉnh Cao Bằng về phát triển kinh tế cửa khẩu; tổ chức Hội nghị xúc tiến đầu tư vào Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn với 150 doanh nghiệp."],
 "1.3.b": ["done", "Quy hoạch tỉnh Lạng Sơn thời kỳ 2021-2030, tầm nhìn đến năm 2050 đã được Thủ tướng Chính phủ phê duyệt tại Quyết định số 236/QĐ-TTg ngày 14/3/2024; tỉnh đã tổ chức công bố quy hoạch."],
 "1.3.đ": ["recurring", "Tỉnh đã kiện toàn Tổ điều phối vùng; Sở Tài chính là cơ quan thường trực."],
}, {
 "shortcomings": "Nguồn vốn đầu tư cho các dự án liên kết vùng còn hạn chế, chủ yếu dựa vào ngân sách trung ương.",
 "recommendations": "Đề nghị sớm ban hành hướng dẫn tiêu chí lựa chọn dự án liên vùng."
}, {"1.1.a": {"decentralised_items": 128, "legal_decisions": 61}})

prov("UBND-01", {  # Hà Nội (draft)
 "1.1.a": ["recurring", "Năm {Y}, thành phố đã hoàn thành 92 nội dung phân cấp, ủy quyền cho cấp huyện theo Luật Thủ đô năm {Y}."],
 "1.1.c": ["recurring", "Thành phố vận hành Trung tâm điều hành thông minh và kết nối cơ sở dữ liệu dân cư với các hệ thống của thành phố."],
 "1.3.a": ["recurring", "Thành phố đã ký kết chương trình hợp tác với 8 tỉnh vùng đồng bằng sông Hồng về nông nghiệp, du lịch và giao thông."],
}, {}, {"1.1.a": {"decentralised_items": 92, "legal_decisions": None}})

C = {}
def cen(code, tasks, sections, figures=None):
    C[code] = {"tasks": tasks, "sections": sections, "figures": figures or {}}

cen("BXD", {  # draft in the demo (the reporter.bxd account)
 "1.1.a": ["recurring", "Bộ đã trình Chính phủ ban hành Nghị định phân cấp cho địa phương thẩm quyền thẩm định dự án đầu tư xây dựng nhóm B, nhóm C."],
 "1.2.c": ["recurring", "Năm {Y}, Bộ tiếp tục triển khai các dự án đường bộ cao tốc Bắc - Nam phía Đông giai đoạn 2021-2025 và các dự án quan trọng quốc gia về giao thông; đưa vào khai thác thêm 680 km đường bộ cao tốc, nâng tổng chiều dài đường bộ cao tốc đưa vào khai thác lên 2.021 km."],
}, {}, {"1.2.c": {"expressway_km": 2021}})

cen("BGDDT", {
 "1.1.a": ["recurring", "Bộ đã trình Chính phủ ban hành Nghị định số MH-125/{Y}/NĐ-CP phân cấp cho địa phương thẩm quyền cho phép thành lập, sáp nhập các trường cao đẳng sư phạm; rà soát 18 thủ tục hành chính để phân cấp cho địa phương."],
 "1.1.b": ["recurring", "Bộ đã hoàn thành Quy hoạch mạng lưới cơ sở giáo dục đại học và sư phạm thời kỳ 2021-2030 (Quyết định số 452/QĐ-TTg ngày 27/5/2024), bảo đảm phù hợp với quy hoạch các vùng."],
 "1.1.c": ["recurring", "Bộ tiếp tục xây dựng, cập nhật cơ sở dữ liệu ngành giáo dục và kết nối với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP); 100% trường phổ thông đã cập nhật dữ liệu học sinh."],
 "1.1.d": ["recurring", "Bộ phổ biến Nghị quyết số 57/NQ-CP tới các đại học vùng và các sở giáo dục và đào tạo."],
 "1.1.đ": ["in_progress", "Bộ đang rà soát nhu cầu đầu tư nâng cấp 05 đại học vùng (Thái Nguyên, Huế, Đà Nẵng, Tây Nguyên, Cần Thơ) để trình phê duyệt trong kế hoạch đầu tư công trung hạn 2026-2030."],
 "1.1.e": ["recurring", "Bộ tham gia các hội nghị của Hội đồng điều phối vùng và trao đổi với các địa phương về đào tạo nguồn nhân lực theo nhu cầu của vùng."],
 "1.2.đ": ["recurring", "Bộ đã phối hợp với Bộ Nội vụ xây dựng chương trình đào tạo nguồn nhân lực chất lượng cao gắn với nhu cầu của các vùng; giao chỉ tiêu đào tạo 12.000 sinh viên ngành kỹ thuật cho các đại học vùng năm {Y}."],
 "1.2.e": ["recurring", "Bộ đã rà soát 36 văn bản quy phạm pháp luật thuộc lĩnh vực quản lý, đề xuất sửa đổi Nghị định số 86/2021/NĐ-CP và thay thế Thông tư số 23/2019/TT-BGDĐT."],
}, {
 "results": "Mạng lưới đại học vùng được củng cố, gắn đào tạo với nhu cầu nhân lực của địa phương.",
 "shortcomings": "Nguồn lực đầu tư cho các đại học vùng còn hạn chế; sự phối hợp giữa nhà trường và địa phương trong đào tạo chưa chặt chẽ.",
 "recommendations": "Đề nghị ưu tiên vốn đầu tư công trung hạn cho các đại học vùng."
}, {"1.1.c": {"ndxp_transactions_million": 45}})

cen("NHNN", {
 "1.1.a": ["recurring", "Ngân hàng Nhà nước đã ban hành Thông tư số MH-12/{Y}/TT-NHNN phân cấp cho chi nhánh tỉnh, thành phố một số thẩm quyền cấp phép hoạt động ngoại hối."],
 "1.1.b": ["recurring", "Ngân hàng Nhà nước rà soát quy hoạch mạng lưới tổ chức tín dụng, bảo đảm phù hợp với quy hoạch các vùng."],
 "1.1.c": ["recurring", "Ngân hàng Nhà nước tiếp tục cập nhật cơ sở dữ liệu thông tin tín dụng quốc gia và kết nối với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)."],
 "1.1.d": ["recurring", "Ngân hàng Nhà nước phổ biến Nghị quyết số 57/NQ-CP tới các chi nhánh tỉnh, thành phố và các tổ chức tín dụng."],
 "1.1.đ": ["recurring", "Ngân hàng Nhà nước rà soát hoạt động của các cơ sở đào tạo, nghiên cứu trực thuộc đặt tại các vùng."],
 "1.1.e": ["recurring", "Ngân hàng Nhà nước chỉ đạo chi nhánh các tỉnh tổ chức 64 hội nghị kết nối ngân hàng - doanh nghiệp, tháo gỡ khó khăn về vốn cho các dự án liên kết vùng."],
 "1.2.e": ["recurring", "Ngân hàng Nhà nước đã trình Quốc hội thông qua Luật các tổ chức tín dụng năm 2024; rà soát, sửa đổi các thông tư hướng dẫn về cho vay đối với dự án hạ tầng liên vùng."],
}, {
 "results": "Tín dụng cho các dự án hạ tầng liên vùng tăng 14% so với năm 2023.",
 "shortcomings": "Các dự án liên kết vùng có thời gian hoàn vốn dài, khó tiếp cận tín dụng thương mại.",
 "recommendations": "Đề nghị nghiên cứu cơ chế bảo lãnh, chia sẻ rủi ro tín dụng cho các dự án PPP liên vùng."
}, {"1.1.c": {"ndxp_transactions_million": 120}})

cen("BKHCN", {
 "1.1.a": ["recurring", "Bộ đã phân cấp cho địa phương thẩm quyền phê duyệt nhiệm vụ khoa học và công nghệ cấp tỉnh sử dụng ngân sách trung ương; rà soát 22 thủ tục hành chính để phân cấp."],
 "1.1.b": ["recurring", "Bộ đã rà soát quy hoạch mạng lưới tổ chức khoa học và công nghệ công lập, bảo đảm phù hợp với quy hoạch các vùng."],
 "1.1.c": ["recurring", "Bộ vận hành Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP); năm {Y} có 580 triệu giao dịch qua NDXP, kết nối 106 bộ, ngành, địa phương và doanh nghiệp."],
 "1.1.d": ["recurring", "Bộ phổ biến Nghị quyết số 57/NQ-CP tới các sở khoa học và công nghệ và các tổ chức khoa học và công nghệ trực thuộc."],
 "1.1.đ": ["in_progress", "Bộ đang rà soát 153 tổ chức khoa học và công nghệ cấp địa phương để sắp xếp, nâng cao năng lực; đề xuất hình thành Trung tâm Đổi mới sáng tạo vùng."],
 "1.1.e": ["recurring", "Bộ tham gia các hội nghị của Hội đồng điều phối vùng về khoa học, công nghệ và chuyển đổi số."],
 "1.2.e": ["recurring", "Bộ đã trình Quốc hội thông qua Luật Công nghiệp công nghệ số; rà soát, sửa đổi Nghị định số 47/2020/NĐ-CP về quản lý, kết nối và chia sẻ dữ liệu số."],
}, {
 "results": "Kết nối, chia sẻ dữ liệu giữa các bộ, ngành, địa phương qua NDXP tăng mạnh.",
 "shortcomings": "Việc chia sẻ dữ liệu giữa các địa phương trong vùng còn hạn chế; chưa có cơ sở dữ liệu dùng chung của vùng.",
 "recommendations": "Đề nghị xây dựng cơ sở dữ liệu dùng chung của vùng trên nền NDXP."
}, {"1.1.c": {"ndxp_transactions_million": 580}})

cen("BNNMT", {
 "1.1.a": ["recurring", "Bộ đã trình Chính phủ ban hành Nghị định phân cấp cho địa phương thẩm quyền giao đất, cho thuê đất rừng và chuyển mục đích sử dụng rừng."],
 "1.1.b": ["recurring", "Bộ đã rà soát quy hoạch thủy lợi, quy hoạch phòng chống thiên tai và quy hoạch bảo vệ môi trường quốc gia, bảo đảm phù hợp với quy hoạch các vùng."],
 "1.1.c": ["recurring", "Bộ tiếp tục xây dựng cơ sở dữ liệu đất đai quốc gia và cơ sở dữ liệu tài nguyên nước; kết nối với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP)."],
 "1.1.d": ["recurring", "Bộ phổ biến Nghị quyết số 57/NQ-CP tới các đơn vị trực thuộc và sở nông nghiệp và môi trường các tỉnh."],
 "1.1.đ": ["in_progress", "Bộ đang rà soát 12 viện, trung tâm nghiên cứu nông nghiệp đặt tại các vùng để đầu tư nâng cấp trang thiết bị."],
 "1.1.e": ["recurring", "Bộ tổ chức hội nghị với các tỉnh đồng bằng sông Cửu Long về ứng phó xâm nhập mặn và chuyển đổi cơ cấu sản xuất."],
 "1.2.d.1": ["in_progress", "Tháng 5/2024, Bộ đưa vào vận hành Trung tâm tích hợp, xử lý thông tin, dữ liệu và điều hành mạng lưới quan trắc môi trường quốc gia; đề án Trung tâm vùng cảnh báo ô nhiễm xuyên biên giới phía Bắc đang được xây dựng."],
 "1.2.d.2": ["done", "Ngày 05/12/2024, Bộ khánh thành Trung tâm Dữ liệu vùng Đồng bằng sông Cửu Long tại thành phố Cần Thơ; Trung tâm đã kết nối dữ liệu quan trắc của 13 tỉnh, thành phố trong vùng."],
 "1.2.d.3": ["not_started", "Bộ chưa triển khai xây dựng đề án Trung tâm nghiên cứu quốc tế về rác thải nhựa đại dương do chưa bố trí được nguồn vốn."],
 "1.2.e": ["recurring", "Bộ đã rà soát 54 văn bản quy phạm pháp luật, đề xuất sửa đổi các quy định về chuyển mục đích sử dụng đất rừng, đất trồng lúa cho các dự án liên vùng."],
}, {
 "results": "Trung tâm Dữ liệu vùng Đồng bằng sông Cửu Long đi vào hoạt động.",
 "shortcomings": "Thủ tục chuyển mục đích sử dụng đất rừng, đất trồng lúa cho các dự án giao thông liên tỉnh còn phức tạp, kéo dài.",
 "recommendations": "Đề nghị bố trí vốn cho đề án Trung tâm nghiên cứu quốc tế về rác thải nhựa đại dương."
})

cen("VCCI", {
 "1.1.c": ["recurring", "Liên đoàn cập nhật cơ sở dữ liệu doanh nghiệp hội viên và chia sẻ với các địa phương phục vụ xúc tiến đầu tư."],
 "1.1.d": ["recurring", "Liên đoàn tổ chức 06 hội thảo về liên kết vùng cho cộng đồng doanh nghiệp tại các vùng."],
 "1.1.e": ["recurring", "Liên đoàn tổ chức Diễn đàn doanh nghiệp vùng đồng bằng sông Cửu Long và vùng Bắc Trung Bộ, tổng hợp 85 kiến nghị gửi các bộ, ngành, địa phương."],
 "1.2.g.1": ["in_progress", "Liên đoàn tiếp tục nghiên cứu mô hình hiệp hội doanh nghiệp vùng; tổ chức hội nghị hội viên tại vùng đồng bằng sông Cửu Long để lấy ý kiến về điều lệ hiệp hội."],
 "1.2.g.2": ["recurring", "Liên đoàn công bố Chỉ số Năng lực cạnh tranh cấp tỉnh (PCI) và Chỉ số Xanh cấp tỉnh (PGI) năm {Y-1}, có phân tích theo vùng kinh tế - xã hội."],
}, {
 "results": "Tiếng nói của cộng đồng doanh nghiệp về liên kết vùng được tổng hợp, phản ánh tới các cơ quan có thẩm quyền.",
 "shortcomings": "Liên kết kinh tế giữa các địa phương còn yếu, chủ yếu là xúc tiến thương mại, chưa hình thành chuỗi giá trị liên tỉnh.",
 "recommendations": "Đề nghị sớm cho phép thành lập hiệp hội doanh nghiệp vùng để thúc đẩy hợp tác giữa các doanh nghiệp."
})

cen("BTC", {  # MoF's own tasks, reported by its unit
 "1.2.a.1": ["done", "Vụ đã hoàn thành việc trình Thủ tướng Chính phủ phê duyệt 06 quy hoạch vùng thời kỳ 2021-2030, tầm nhìn đến năm 2050; năm {Y} tổ chức công bố quy hoạch vùng Trung du và miền núi phía Bắc, vùng Bắc Trung Bộ và duyên hải miền Trung."],
 "1.2.a.2": ["recurring", "Vụ đang xây dựng dự thảo hướng dẫn tiêu chí lựa chọn dự án liên vùng để đưa vào kế hoạch đầu tư công trung hạn 2026-2030; đã lấy ý kiến 12 bộ, ngành và 34 địa phương."],
 "1.2.a.5": ["done", "06 Hội đồng điều phối vùng đã được thành lập và ban hành quy chế hoạt động; năm {Y} tổ chức 04 hội nghị của các Hội đồng."],
 "1.2.b": ["recurring", "Vụ đã phối hợp nghiên cứu cơ chế cho phép ngân sách địa phương hỗ trợ địa phương khác đầu tư các công trình có tính chất vùng, liên vùng trong dự thảo Luật Ngân sách nhà nước (sửa đổi)."],
}, {}, {})

json.dump({"_comment": "Illustrative narratives of the demo cycle (dữ liệu minh họa); {Y} is its report year, {Y-1} the year before (filled in when seeded): realistic in form (figures, document numbers prefixed MH-, shortcomings and recommendations) but invented; not real reports. Generated by gen.py.",
           "organisations": {**P, **C}}, open('narratives.json', 'w'), ensure_ascii=False, indent=1)
print(len(P), len(C))
