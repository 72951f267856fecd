"""indexer.clean: only the article survives, and every article sentence does."""

from __future__ import annotations

import unicodedata

import pytest

from indexer.clean import clean_text, is_junk_line, is_weak_line, repeats_title
from knowledge.text.normalize import normalize
from tests.auxil.paths import CORPUS, DOCUMENTS


def _clean(stem: str, title: str | None) -> str:
    return clean_text((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"), title=title)


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def _assert_well_formed(text: str) -> None:
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert all(p.strip() == p and p for p in _paragraphs(text))
    assert "\u00a0" not in text and "  " not in text
    assert unicodedata.is_normalized("NFC", text)


def _assert_article(text: str, first: str, last: str, junk: list[str]) -> None:
    _assert_well_formed(text)
    assert text.startswith(normalize(first))
    assert text.endswith(normalize(last))
    for piece in junk:
        assert normalize(piece) not in text, piece


# One test per bundled corpus file ------------------------------------------------


def test_bac_giang_only_article_remains():
    title = "Bắc Giang triển khai Chương trình mục tiêu Quốc gia xây dựng nông thôn mới năm 2024"
    text = _clean("bac-giang-ntm-2024", title)
    _assert_article(
        text,
        first="UBND tỉnh Bắc Giang vừa ban hành Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng "
        "nông thôn mới (NTM) năm 2024 trên địa bàn tỉnh.",
        last="căn cứ nguồn vốn đã phân bổ cho ngành quản lý, ưu tiên lựa chọn cho các xã phấn đấu đạt chuẩn "
        "NTM, nâng cao, kiểu mẫu và thôn đạt chuẩn thôn NTM, kiểu mẫu năm 2024.",
        junk=["Thứ sáu", "12/01/2024 13:08", "Từ viết tắt", "Xem với cỡ chữ", "Nguồn:", "Bacgiang.gov.vn",
              "Tìm theo ngày", "Đánh giá", "Di chuột vào ngôi sao", title,
              # the photo caption restating the title
              "Bắc Giang triển khai Chương trình mục tiêu Quốc gia xây dựng NTM năm 2024."],
    )
    assert "05 xã đạt chuẩn xã NTM kiểu mẫu" in text
    assert "Chương trình phát triển du lịch nông thôn." in text
    assert len(_paragraphs(text)) == 8


def test_hai_duong_only_article_remains():
    text = _clean("hai-duong-ntm-2025", None)
    _assert_article(
        text,
        first="Thông tin từ Sở Nông nghiệp & Môi trường, năm 2025 tỉnh Hải Dương phấn đấu có thêm 29 xã đạt "
        "chuẩn NTM nâng cao",
        last='"xây dựng, nhân rộng các mô hình, điển hình tiên tiến trong phong trào toàn dân bảo vệ ANTQ".',
        junk=["Nguồn:", "kinhtedothi.vn", "Bình luận (0)", "Bình luận"],
    )
    # one paragraph per source line: nothing was glued together or lost
    assert len(_paragraphs(text)) == 13
    assert "sáng - xanh - sạch - đẹp" in text
    assert "ưu tiên hỗ trợ các HTX nông nghiệp ứng dụng công nghệ cao" in text


def test_long_an_only_article_remains():
    title = ("Giải pháp thực hiện chỉ tiêu Nghị quyết tỉnh Đảng bộ lần thứ XI về “xã đạt tiêu chí văn hóa, "
             "nông thôn mới” và “xã nông thôn mới nâng cao”")
    text = _clean("long-an-xa-van-hoa-ntm-nang-cao", title)
    _assert_article(
        text,
        first="Nghị quyết Đại hội tỉnh Đảng bộ lần thứ XI đề ra: “Tỷ lệ Xã đạt tiêu chí văn hóa, nông thôn mới "
        "đến năm 2025 đạt 88%",
        last="- Hàng năm các sở, ngành liên quan và các huyện, thị xã, thành phố tổ chức sơ, tổng kết triển khai "
        "thực hiện kế hoạch này nhằm để đánh giá, rút kinh nghiệm có giải pháp thực hiện tốt hơn./.",
        junk=["Skip Ribbon Commands", "Skip to main content", "Tin tức sự kiện", "Thứ 3, Ngày 11/05/2021",
              "11/05/2021 | Nguyễn Thị Anh Nhung", "Anh Nhung", "Chi cục PTNT và Thủy lợi", ".jpg",
              "thuc hien chi tieu", "Lượt người xem", "Manage Permissions", "Version History",
              "Approval Status", "Attachments", "Content Type", "Tin Tức Mở Rộng", "Version:", "Created at",
              "Last modified", "TÌM KIẾM", "SỐ XÃ NTM NÂNG CAO", "SỐ XÃ ĐẠT CHUẨN NTM", "Thống kê truy cập",
              "Số lượt truy cập", "537480", "Cơ quan chủ quản", "Chịu trách nhiệm", "Cơ quan quản trị",
              "Địa chỉ:", "Quốc lộ 62", "Điện thoại", "bbtntm@longan.gov.vn", "Chung nhan Tin Nhiem Mang",
              "Trang thông tin điện tử", "Link thay thế nội dung", "Số lượt người đọc"],
    )
    paragraphs = _paragraphs(text)
    field_labels = {"Tiêu đề", "Hình ảnh", "Hình ảnh mô tả", "Tóm tắt", "Nội dung", "Ngày xuất bản",
                    "Tin nổi bật", "Tác giả", "Phân loại", "Loại bài viết", "Số Trang", "Số Ảnh", "Trạng thái",
                    "Lịch sử"}
    assert not field_labels & set(paragraphs)
    # the article's own subheadings and photo captions are content, not junk
    assert "Về nhiệm vụ cụ thể" in paragraphs
    assert "Về giải pháp thực hiện" in paragraphs
    assert "Thẩm định tiêu chí văn hóa đối với xã đề nghị xét công nhận xã đạt chuẩn NTM" in paragraphs
    # body dates and figures the questions ask about stay
    for fact in ["công văn số 6425/UBND-VHXH ngày 22/10/2020", "Năm 2022: 08 xã (dự kiến đạt 21,7%)",
                 "Năm 2021: 10 xã (dự kiến đạt 64,6%)", "11 xã đạt chuẩn nông thôn mới kiểu mẫu",
                 "Đồng Tháp Mười", "phong cách Hồ Chí Minh"]:
        assert fact in text


def test_tphcm_thi_dua_only_article_remains():
    title = "Phấn đấu có ít nhất 50% số xã đạt chuẩn nông thôn mới kiểu mẫu"
    text = _clean("tphcm-thi-dua-xay-dung-ntm-2021-2025", title)
    _assert_article(
        text,
        first="UBND TPHCM vừa ban hành Kế hoạch tổ chức thực hiện phong trào thi đua “Toàn thành phố chung sức "
        "xây dựng nông thôn mới",
        last="Bên cạnh đó, từng địa phương phấn đấu hoàn thành sớm hoặc đúng tiến độ, có chất lượng các tiêu chí, "
        "nhiệm vụ trong xây dựng nông thôn mới và tiếp tục nâng cao chất lượng các tiêu chí sau khi đạt chuẩn.",
        junk=["Mẹ và bé", "Rate this post", "(Thanhuytphcm.vn)", "Thanhuytphcm", "Leave a Reply",
              "Your email address", "Required fields"],
    )
    # the headline line is gone, the same words inside the body are not
    assert title + "." not in _paragraphs(text)
    assert "phấn đấu có ít nhất 50% số xã đạt chuẩn nông thôn mới kiểu mẫu, 20% số huyện" in text
    assert "tránh chạy theo thành tích" in text


def test_tphcm_xa_kieu_mau_only_article_remains():
    title = "TPHCM phấn đấu cuối năm 2025, có ít nhất 50% số xã đạt chuẩn nông thôn mới kiểu mẫu"
    text = _clean("tphcm-xa-ntm-kieu-mau-2025", title)
    _assert_article(
        text,
        first="UBND TPHCM vừa ban hành kế hoạch thực hiện xây dựng xã nông thôn mới kiểu mẫu trên địa bàn vùng "
        "nông thôn TPHCM đến năm 2025.",
        last="thực hiện cung cấp kết quả giải quyết thủ tục hành chính, niêm yết thủ tục hành chính thuộc thẩm "
        "quyền giải quyết của xã, thị trấn trên môi trường mạng.",
        junk=["Chủ Nhật", "21 tháng 7 năm 2024", "(Thanhuytphcm.vn)", "Vân Minh", "Ý kiến bạn đọc", "refresh",
              "Tổng lượt bình luận", "Tin khác", "Thông báo", title],
    )
    assert "100% trẻ em 5 tuổi ra lớp" in text
    assert "quy hoạch; hạ tầng kinh tế - xã hội" in text


# General rules -------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Rate this post", "Leave a Reply", "Your email address will not be published. Required fields are marked *",
        "Bình luận (0)", "12 bình luận", "Ý kiến bạn đọc", "Gửi bình luận", "Tổng lượt bình luận",
        "(Di chuột vào ngôi sao để chọn điểm)", "Tìm theo ngày :", "Từ viết tắt Xem với cỡ chữ",
        "Số lượt truy cập: 537480", "Lượt xem: 1.234", "Đang truy cập: 12", "Manage PermissionsManage Permissions",
        "Version HistoryVersion History", "Content Type: Tin Tức Mở Rộng", "Created at by",
        "Thứ sáu, 12/01/2024 13:08", "Chủ Nhật, ngày 21 tháng 7 năm 2024", "Thứ 3, Ngày 11/05/2021, 11:00",
        "11/05/2021 | Nguyễn Thị Anh Nhung", "Cập nhật: 08:15 ngày 03/02/2024", "20/12/2024 08:30 (GMT+7)",
        "Skip Ribbon Commands", "Trang chủ › Tin tức › Nông thôn mới", "In bài | Gửi email | Chia sẻ",
        "Chung nhan Tin Nhiem Mang", "© 2024 Báo Bắc Giang. All rights reserved.", "Từ khóa: nông thôn mới, OCOP",
        "anh-ntm-2024.jpg", "Ảnh minh họa", "(Ảnh: TTXVN)", "Trang 2/5", "- 3 -", "* * *", "|",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 5 tháng 3 năm 2024",
    ],
)
def test_junk_lines(line):
    assert is_junk_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Theo Kế hoạch, năm 2024, đối với cấp huyện tiếp tục duy trì các tiêu chí.",
        "Để thực hiện hoàn thành các chỉ tiêu, ngày 11/5/2021, UBND tỉnh Long An đã ban hành Kế hoạch số 1416.",
        "Đánh giá kết quả thực hiện 5 năm cho thấy 80% số xã đạt chuẩn.",
        "Bình luận của chuyên gia về chương trình nông thôn mới rất tích cực.",
        "Về nhiệm vụ cụ thể", "Số: 1416/KH-UBND", "2. Phát triển sản xuất gắn với cơ cấu lại ngành nông nghiệp",
        "Năm 2021: 10 xã (dự kiến đạt 64,6%)",
    ],
)
def test_article_lines_are_not_junk(line):
    assert not is_junk_line(line)


def test_weak_lines_are_menu_and_footer_words():
    for line in ["Tin khác", "Thông báo", "Mẹ và bé", "TÌM KIẾM", "SỐ XÃ ĐẠT CHUẨN NTM", "Tiêu đề", "Nội dung",
                 "Địa chỉ: Số 31, Quốc lộ 62, Phường 2, Thành phố Tân An", "Điện thoại : (0272) 3525 759",
                 "Cơ quan chủ quản: Sở Nông nghiệp và Phát triển nông thôn", "Nguồn: Bacgiang.gov.vn",
                 "Trang thông tin điện tử Nông thôn mới tỉnh Long An", "(Theo TTXVN)"]:
        assert is_weak_line(line), line
    for line in ["Theo kế hoạch, UBND thành phố xác định mục đích nhằm phát huy sức mạnh tổng hợp.",
                 "Về nhiệm vụ cụ thể", "Đối với cấp thôn phấn đấu thực hiện thêm 12 thôn."]:
        assert not is_weak_line(line), line


def test_weak_word_inside_the_body_is_kept_as_a_subheading():
    raw = ("Năm 2024 tỉnh có thêm 20 xã đạt chuẩn nông thôn mới, vượt kế hoạch đề ra.\n\n"
           "Đánh giá\n\n"
           "Các xã đạt chuẩn đều duy trì tốt các tiêu chí về giao thông và môi trường.\n\n"
           "Đánh giá\n\n(Di chuột vào ngôi sao để chọn điểm)")
    assert clean_text(raw).split("\n\n") == [
        "Năm 2024 tỉnh có thêm 20 xã đạt chuẩn nông thôn mới, vượt kế hoạch đề ra.",
        "Đánh giá",
        "Các xã đạt chuẩn đều duy trì tốt các tiêu chí về giao thông và môi trường.",
    ]


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    raw = (
        "Năm 2025, tỉnh phấn đấu có thêm 12 xã đạt chuẩn nông thôn mới nâng cao\n"
        "và 5 xã đạt chuẩn nông thôn mới kiểu mẫu; thu nhập bình quân đầu người\n"
        "khu vực nông thôn đạt 75 triệu đồng/người/năm.\n"
        "Các huyện tập trung chỉ đạo hoàn thiện hồ sơ đề nghị xét công nhận, bảo\n"
        "đảm đúng quy định, thực chất, tránh chạy theo thành tích của Ủy ban\n"
        "Nhân dân các cấp.\n"
        "Nhiệm vụ trọng tâm:\n"
        "- Rà soát các tiêu chí;\n"
        "- Huy động nguồn lực."
    )
    assert clean_text(raw).split("\n\n") == [
        "Năm 2025, tỉnh phấn đấu có thêm 12 xã đạt chuẩn nông thôn mới nâng cao và 5 xã đạt chuẩn nông thôn "
        "mới kiểu mẫu; thu nhập bình quân đầu người khu vực nông thôn đạt 75 triệu đồng/người/năm.",
        "Các huyện tập trung chỉ đạo hoàn thiện hồ sơ đề nghị xét công nhận, bảo đảm đúng quy định, thực chất, "
        "tránh chạy theo thành tích của Ủy ban Nhân dân các cấp.",
        "Nhiệm vụ trọng tâm:",
        "- Rà soát các tiêu chí;",
        "- Huy động nguồn lực.",
    ]


def test_one_paragraph_per_line_web_copy_is_not_glued():
    raw = ("Xây dựng Ban Chỉ huy quân sự cấp xã theo đúng quy định, lực lượng dân quân vững mạnh, rộng khắp\n"
           "Tăng cường công tác tham mưu, lãnh đạo, chỉ đạo triển khai thực hiện hiệu quả chương trình\n"
           "Nâng cao chất lượng các dịch vụ hành chính công, chất lượng hoạt động của chính quyền cơ sở")
    assert len(clean_text(raw).split("\n\n")) == 3


def test_tail_bylines_and_related_headlines_go_but_final_list_items_stay():
    raw = ("Huyện đề ra ba nhiệm vụ trọng tâm trong năm 2025 như sau:\n"
           "- Hoàn thiện hạ tầng giao thông\n"
           "- Phát triển sản phẩm OCOP\n\n"
           "Minh Anh\n\n"
           "Tin liên quan\n"
           "Nghệ An đẩy mạnh xây dựng nông thôn mới kiểu mẫu\n"
           "Hà Tĩnh có thêm 15 xã nông thôn mới nâng cao")
    assert clean_text(raw).split("\n\n") == [
        "Huyện đề ra ba nhiệm vụ trọng tâm trong năm 2025 như sau:",
        "- Hoàn thiện hạ tầng giao thông",
        "- Phát triển sản phẩm OCOP",
    ]


def test_related_block_inside_the_article_is_removed():
    raw = ("Năm 2024 tỉnh có thêm 20 xã đạt chuẩn nông thôn mới, vượt kế hoạch đề ra.\n\n"
           "Xem thêm:\n"
           "Nghệ An đẩy mạnh xây dựng nông thôn mới kiểu mẫu\n\n"
           "Các xã đạt chuẩn đều duy trì tốt các tiêu chí về giao thông và môi trường.")
    assert clean_text(raw).split("\n\n") == [
        "Năm 2024 tỉnh có thêm 20 xã đạt chuẩn nông thôn mới, vượt kế hoạch đề ra.",
        "Các xã đạt chuẩn đều duy trì tốt các tiêu chí về giao thông và môi trường.",
    ]


def test_lead_marker_and_title_repeats_are_removed():
    raw = ("Cần Thơ hoàn thành xây dựng nông thôn mới\n\n"
           "(Dân trí) - Thành phố Cần Thơ có 36/36 xã đạt chuẩn nông thôn mới.\n\n"
           "Cần Thơ hoàn thành xây dựng NTM.\n\n"
           "Các xã tiếp tục nâng cao chất lượng tiêu chí.")
    assert clean_text(raw, title="Cần Thơ hoàn thành xây dựng nông thôn mới").split("\n\n") == [
        "Thành phố Cần Thơ có 36/36 xã đạt chuẩn nông thôn mới.",
        "Các xã tiếp tục nâng cao chất lượng tiêu chí.",
    ]


def test_repeats_title_is_strict_about_length():
    title = "Bắc Giang triển khai Chương trình mục tiêu Quốc gia xây dựng nông thôn mới năm 2024"
    assert repeats_title("Bắc Giang triển khai Chương trình mục tiêu Quốc gia xây dựng NTM năm 2024.", title)
    assert not repeats_title(
        "Bắc Giang triển khai Chương trình mục tiêu Quốc gia xây dựng nông thôn mới năm 2024 với 05 xã đạt "
        "chuẩn NTM, 11 xã NTM nâng cao và 72 thôn kiểu mẫu trên địa bàn toàn tỉnh.",
        title,
    )


def test_whitespace_and_unicode_are_normalised():
    decomposed = unicodedata.normalize("NFD", "Xã đạt chuẩn nông thôn mới\u00a0 nâng cao , năm 2024 .")
    assert clean_text(f"\ufeff  {decomposed}\r\n") == "Xã đạt chuẩn nông thôn mới nâng cao, năm 2024."


def test_empty_and_junk_only_text_cleans_to_nothing():
    assert clean_text("") == ""
    assert clean_text("Rate this post\n\nLeave a Reply\nTin khác\nThông báo") == ""


STATE_DOCUMENT = (DOCUMENTS / "ke-hoach-nam-dinh.txt").read_text(
    encoding="utf-8")


def test_state_document_keeps_number_and_sections_drops_header_and_signature():
    text = clean_text(STATE_DOCUMENT, title="Thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2024")
    assert text.split("\n\n") == [
        "Số: 85/KH-UBND",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Phấn đấu có thêm 15 xã đạt chuẩn nông thôn mới kiểu mẫu và 2 huyện đạt chuẩn nông thôn mới nâng cao.",
        "II. NHIỆM VỤ",
        "- Tuyên truyền, vận động",
        "- Phát triển sản xuất",
    ]
